import { test } from '@japa/runner'
import { accountService } from '#crm/services/account_service'
import { activityService } from '#crm/services/activity_service'
import { contactService } from '#crm/services/contact_service'
import { dealService } from '#crm/services/deal_service'
import { leadService } from '#crm/services/lead_service'
import { pipelineService } from '#crm/services/pipeline_service'
import { quoteService } from '#crm/services/quote_service'
import Deal from '#crm/models/deal'
import Quote from '#crm/models/quote'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import { clearEvents, eventsOf, eventTypes } from './helpers.js'

test.group('CRM services record domain events', (group) => {
  group.each.setup(() => truncateAll())

  test('account and contact create/update record created/updated with changes', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const opts = { actorId: user.id }
    const account = await accountService.create(tenant.id, { name: 'Acme' }, opts)
    const contact = await contactService.create(
      tenant.id,
      { firstName: 'Ada', lastName: 'Lovelace', accountId: account.id },
      opts
    )
    await accountService.update(tenant.id, account.id, { healthScore: 80 }, opts)
    await contactService.update(tenant.id, contact.id, { title: 'CTO' }, opts)
    // An update that changes nothing records nothing.
    await contactService.update(tenant.id, contact.id, { title: 'CTO' }, opts)

    const events = await eventsOf(tenant.id)
    assert.deepEqual(
      events.map((e) => e.type),
      ['account.created', 'contact.created', 'account.updated', 'contact.updated']
    )
    assert.equal(events[0].payload.entity.name, 'Acme')
    assert.equal(events[0].actor_id, user.id)
    assert.equal(events[1].payload.entity.fullName, 'Ada Lovelace')
    assert.deepEqual(events[2].payload.changes, { healthScore: { from: 50, to: 80 } })
    assert.deepEqual(events[3].payload.changes, { title: { from: null, to: 'CTO' } })
    assert.equal(events[3].aggregate_id, String(contact.id))
  })

  test('lead lifecycle: created, updated, converted (with account, contact and deal)', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const opts = { actorId: user.id }
    const lead = await leadService.create(
      tenant.id,
      { name: 'Grace Hopper', company: 'Navy Labs', email: 'grace@navy.test', source: 'event' },
      opts
    )
    await leadService.update(tenant.id, lead.id, { status: 'qualified', score: 70 }, opts)
    const result = await leadService.convert(
      tenant.id,
      lead.id,
      { createDeal: true, dealName: 'Navy rollout', amount: 500_000 },
      opts
    )

    assert.deepEqual(await eventTypes(tenant.id), [
      'lead.created',
      'lead.updated',
      'account.created',
      'contact.created',
      'deal.created',
      'lead.converted',
    ])
    const events = await eventsOf(tenant.id)
    assert.deepEqual(events[1].payload.changes, {
      status: { from: 'new', to: 'qualified' },
      score: { from: 0, to: 70 },
    })
    const converted = events[5].payload
    assert.equal(converted.entity.status, 'converted')
    assert.equal(converted.accountId, result.account!.id)
    assert.equal(converted.contactId, result.contact.id)
    assert.equal(converted.dealId, result.deal!.id)
    assert.equal(result.deal!.leadId, lead.id)
    assert.equal(events[4].payload.entity.stage.name, 'Prospecting')
  })

  test('lead rules: converted leads are final, lost leads cannot convert', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const lead = await leadService.create(tenant.id, { name: 'Lin' })
    await leadService.update(tenant.id, lead.id, { status: 'lost', lostReason: 'No budget' })
    await assert.rejects(() => leadService.convert(tenant.id, lead.id, {}), /lost lead/)
    await leadService.update(tenant.id, lead.id, { status: 'new' })
    await leadService.convert(tenant.id, lead.id, {})
    await assert.rejects(
      () => leadService.update(tenant.id, lead.id, { status: 'qualified' }),
      /converted/
    )
    const other = await leadService.create(tenant.id, { name: 'Other' })
    await assert.rejects(
      () => leadService.update(tenant.id, other.id, { status: 'converted' }),
      /Convert/
    )
  })

  test('deal moves record stage_changed with from/to; win and lose close it', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const opts = { actorId: user.id }
    const stages = await pipelineService.stages(tenant.id)
    assert.deepEqual(
      stages.map((s) => s.name),
      ['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Won', 'Lost']
    )
    const deal = await dealService.create(tenant.id, { name: 'Big one', amount: 1000 }, opts)
    await dealService.moveStage(tenant.id, deal.id, stages[2].id, opts)
    await dealService.update(tenant.id, deal.id, { amount: 2500 }, opts)
    await dealService.win(tenant.id, deal.id, opts)

    const other = await dealService.create(tenant.id, { name: 'Small one' }, opts)
    await dealService.lose(tenant.id, other.id, 'Went with a competitor', opts)

    const events = await eventsOf(tenant.id)
    assert.deepEqual(
      events.map((e) => e.type),
      [
        'deal.created',
        'deal.stage_changed',
        'deal.updated',
        'deal.stage_changed',
        'deal.won',
        'deal.created',
        'deal.stage_changed',
        'deal.lost',
      ]
    )
    assert.include(events[1].payload, { from: 'Prospecting', to: 'Proposal' })
    assert.deepEqual(events[1].payload.changes.stageId, { from: stages[0].id, to: stages[2].id })
    assert.deepEqual(events[2].payload.changes, { amount: { from: 1000, to: 2500 } })
    assert.include(events[3].payload, { from: 'Proposal', to: 'Won' })
    assert.equal(events[4].payload.entity.status, 'won')
    assert.equal(events[7].payload.reason, 'Went with a competitor')
    assert.equal(events[7].payload.entity.lostReason, 'Went with a competitor')
  })

  test('moving a lost deal is refused and changes nothing', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const stages = await pipelineService.stages(tenant.id)
    const deal = await dealService.create(tenant.id, { name: 'Gone' })
    await dealService.lose(tenant.id, deal.id, 'Budget cut')
    await clearEvents(tenant.id)

    await assert.rejects(
      () => dealService.moveStage(tenant.id, deal.id, stages[1].id),
      /already lost/
    )
    await assert.rejects(
      () => dealService.update(tenant.id, deal.id, { name: 'Renamed', stageId: stages[1].id }),
      /already lost/
    )
    await assert.rejects(() => dealService.win(tenant.id, deal.id), /already lost/)

    const fresh = await Deal.findOrFail(deal.id)
    assert.equal(fresh.name, 'Gone')
    assert.equal(fresh.stageId, stages[5].id)
    assert.deepEqual(await eventTypes(tenant.id), [])
  })

  test('moving to Lost without a reason is refused; new deals start in an open stage', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser()
    const stages = await pipelineService.stages(tenant.id)
    const deal = await dealService.create(tenant.id, { name: 'Open' })
    await assert.rejects(() => dealService.moveStage(tenant.id, deal.id, stages[5].id), /reason/)
    await assert.rejects(
      () => dealService.create(tenant.id, { name: 'Straight to won', stageId: stages[4].id }),
      /open stage/
    )
  })

  test('activities: logged, updated, completed', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser()
    const deal = await dealService.create(tenant.id, { name: 'D' })
    await clearEvents(tenant.id)
    const activity = await activityService.log(
      tenant.id,
      {
        type: 'call',
        subject: 'Intro call',
        dealId: deal.id,
        dueAt: new Date('2026-12-01T10:00:00Z'),
      },
      { actorId: user.id }
    )
    await activityService.update(tenant.id, activity.id, { subject: 'Intro call (moved)' })
    await activityService.complete(tenant.id, activity.id)
    await assert.rejects(() => activityService.complete(tenant.id, activity.id), /already done/)

    const events = await eventsOf(tenant.id)
    assert.deepEqual(
      events.map((e) => e.type),
      ['activity.logged', 'activity.updated', 'activity.completed']
    )
    assert.equal(events[0].payload.entity.dealId, deal.id)
    assert.equal(events[0].payload.entity.ownerId, user.id)
    assert.isTrue(events[2].payload.entity.done)
  })

  test('quotes: created, updated, sent, accepted / declined; illegal moves refused', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser()
    const lines = [
      { description: 'Licence', quantity: 3, unitPrice: 10_000, taxRateBp: 2000 },
      { description: 'Setup', quantity: 1, unitPrice: 5_000 },
    ]
    const quote = await quoteService.create(tenant.id, { title: 'Offer', lines })
    assert.equal(quote.total, 41_000)
    assert.match(quote.number, /^Q-\d{4}-0001$/)
    await quoteService.update(tenant.id, quote.id, { lines: lines.slice(0, 1) })
    await quoteService.send(tenant.id, quote.id)
    await assert.rejects(() => quoteService.update(tenant.id, quote.id, { title: 'x' }), /draft/)
    await quoteService.accept(tenant.id, quote.id)

    const second = await quoteService.create(tenant.id, { title: 'Other', lines })
    await quoteService.send(tenant.id, second.id)
    await quoteService.decline(tenant.id, second.id, 'Too expensive')
    await assert.rejects(() => quoteService.send(tenant.id, second.id), /declined/)
    await assert.rejects(() => quoteService.accept(tenant.id, second.id), /declined/)

    const events = await eventsOf(tenant.id)
    assert.deepEqual(
      events.map((e) => e.type),
      [
        'quote.created',
        'quote.updated',
        'quote.sent',
        'quote.accepted',
        'quote.created',
        'quote.sent',
        'quote.declined',
      ]
    )
    assert.lengthOf(events[0].payload.entity.lines, 2)
    assert.deepEqual(events[1].payload.changes.total, { from: 41_000, to: 36_000 })
    assert.equal(events[6].payload.reason, 'Too expensive')
    const declined = await Quote.findOrFail(second.id)
    assert.equal(declined.status, 'declined')
  })

  test('an empty quote cannot be sent', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const quote = await quoteService.create(tenant.id, { title: 'Empty' })
    await assert.rejects(() => quoteService.send(tenant.id, quote.id), /priced line/)
    const stored = await Quote.findOrFail(quote.id)
    assert.equal(stored.status, 'draft')
  })

  test('references to another tenant are refused', async ({ assert }) => {
    const a = await createTenantWithUser()
    const b = await createTenantWithUser()
    const foreign = await accountService.create(b.tenant.id, { name: 'Theirs' })
    await assert.rejects(
      () => dealService.create(a.tenant.id, { name: 'Mine', accountId: foreign.id }),
      /account does not exist/
    )
    await assert.rejects(
      () => dealService.create(a.tenant.id, { name: 'Mine', ownerId: b.user.id }),
      /not a member/
    )
    await assert.rejects(
      () => accountService.update(a.tenant.id, foreign.id, { name: 'Stolen' }),
      /E_ROW_NOT_FOUND|not found|Row not found/i
    )
  })
})
