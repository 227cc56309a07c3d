import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { entityRegistry } from '#core/entities/registry'
import { toSnapshot } from '#core/events/snapshot'
import { leadService } from '#crm/services/lead_service'
import { dealSnapshot, dealService } from '#crm/services/deal_service'
import Lead from '#crm/models/lead'
import Deal from '#crm/models/deal'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import { eventsOf } from './helpers.js'

/** Drops values that differ between two otherwise identical records. */
function comparable(record: Record<string, unknown>) {
  const varying = new Set(['id', 'createdAt', 'updatedAt'])
  return Object.fromEntries(Object.entries(record).filter(([key]) => !varying.has(key)))
}

test.group('CRM | entity registry', (group) => {
  group.each.setup(() => truncateAll())

  test('registers lead, deal, contact, account, activity and quote with fields and events', ({
    assert,
  }) => {
    for (const name of ['lead', 'deal', 'contact', 'account', 'activity', 'quote']) {
      const definition = entityRegistry.get(name)
      assert.equal(definition.module, 'crm')
      assert.isAbove(definition.fields.length, 3)
      assert.isAbove(definition.events.length, 0)
    }
    const status = entityRegistry.get('lead').fields.find((f) => f.key === 'status')
    assert.deepEqual(status?.options, ['new', 'qualified', 'converted', 'lost'])
  })

  test('registry create/update equal the service results and record the same events', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const leads = entityRegistry.get('lead').operations
    const data = { name: 'Ada', company: 'Engines', email: 'ada@example.test', score: 30 }

    const viaRegistry = await leads.create(tenant.id, data, { actorId: user.id })
    const viaService = await leadService.create(tenant.id, data, { actorId: user.id })
    assert.deepEqual(comparable(viaRegistry), comparable(toSnapshot(viaService)))

    const updated = await leads.update(tenant.id, viaRegistry.id, { status: 'qualified' })
    await leadService.update(tenant.id, viaService.id, { status: 'qualified' })
    const reloaded = await Lead.findOrFail(viaService.id)
    assert.deepEqual(comparable(updated), comparable(toSnapshot(reloaded)))
    assert.deepEqual(await leads.find(tenant.id, viaRegistry.id), updated)

    const events = await eventsOf(tenant.id)
    const byAggregate = (id: number | string) =>
      events.filter((e) => e.aggregate_id === String(id)).map((e) => e.type)
    assert.deepEqual(byAggregate(viaRegistry.id), byAggregate(viaService.id))
    assert.deepEqual(byAggregate(viaRegistry.id), ['lead.created', 'lead.updated'])
  })

  test('deal registry update routes stage and status changes through the transitions', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser()
    const deals = entityRegistry.get('deal').operations
    const created = await deals.create(tenant.id, { name: 'Auto deal', amount: 12_300 })
    assert.equal((created.stage as { name: string }).name, 'Prospecting')

    const won = await deals.update(tenant.id, created.id, { status: 'won' })
    assert.equal(won.status, 'won')
    const fromService = await dealSnapshot(await Deal.findOrFail(created.id))
    assert.deepEqual(won, { ...fromService, id: created.id })
    await assert.rejects(
      () => deals.update(tenant.id, created.id, { status: 'lost', lostReason: 'x' }),
      /already won/
    )
    const events = await eventsOf(tenant.id)
    assert.deepEqual(
      events.map((e) => e.type),
      ['deal.created', 'deal.stage_changed', 'deal.won']
    )
  })

  test('registry operations validate like the forms and respect tenants', async ({ assert }) => {
    const a = await createTenantWithUser()
    const b = await createTenantWithUser()
    const contacts = entityRegistry.get('contact').operations
    await assert.rejects(() => contacts.create(a.tenant.id, { email: 'nope' }), /validation/i)
    const theirs = await contacts.create(b.tenant.id, { firstName: 'Bo' })
    assert.isNull(await contacts.find(a.tenant.id, theirs.id))
    assert.isNull(await contacts.find(a.tenant.id, 'not-a-number'))
    await assert.rejects(() => contacts.update(a.tenant.id, theirs.id, { firstName: 'X' }))
    const row = await db.from('crm_contacts').where('id', theirs.id).first()
    assert.equal(row.first_name, 'Bo')
  })

  test('an idempotency key makes a retried create return the first record', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const deals = entityRegistry.get('deal').operations
    const first = await deals.create(tenant.id, { name: 'Once' }, { idempotencyKey: 'step-1' })
    const second = await deals.create(tenant.id, { name: 'Once' }, { idempotencyKey: 'step-1' })
    assert.equal(second.id, first.id)
    const count = await db.from('crm_deals').where('tenant_id', tenant.id).count('* as total')
    assert.equal(Number(count[0].total), 1)
    const events = await eventsOf(tenant.id)
    assert.deepEqual(
      events.map((e) => e.type),
      ['deal.created']
    )
    await dealService.win(tenant.id, first.id as number)
  })

  test('a caller transaction that rolls back undoes the registry write and its events', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser()
    const accounts = entityRegistry.get('account').operations
    const trx = await db.transaction()
    await accounts.create(tenant.id, { name: 'Ghost' }, { trx })
    await trx.rollback()
    const rows = await db.from('crm_accounts').where('tenant_id', tenant.id)
    assert.lengthOf(rows, 0)
    assert.lengthOf(await eventsOf(tenant.id), 0)
  })
})
