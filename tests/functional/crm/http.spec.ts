import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { waitForDispatches } from '#core/events/outbox'
import { dealService } from '#crm/services/deal_service'
import { leadService } from '#crm/services/lead_service'
import { pipelineService } from '#crm/services/pipeline_service'
import { quoteService } from '#crm/services/quote_service'
import Deal from '#crm/models/deal'
import { truncateAll } from '#tests/helpers/db'
import { inertiaPage } from '#tests/helpers/inertia'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { clearEvents, eventTypes } from './helpers.js'

const JSON_ACCEPT = { Accept: 'application/json' }

test.group('CRM | HTTP', (group) => {
  group.each.setup(() => truncateAll())
  group.each.teardown(() => waitForDispatches())

  test('list pages render with pagination and search', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    for (let i = 0; i < 25; i++) {
      await leadService.create(tenant.id, {
        name: `Lead ${i}`,
        company: i === 7 ? 'Zebra Ltd' : null,
      })
    }
    const page = inertiaPage(await client.get('/crm/leads?perPage=10&page=2').loginAs(user))
    assert.equal(page.component, 'crm/leads/index')
    assert.lengthOf(page.props.leads.data, 10)
    assert.deepInclude(page.props.leads.meta, { total: 25, currentPage: 2, lastPage: 3 })

    const searched = inertiaPage(await client.get('/crm/leads?search=zebra').loginAs(user))
    assert.deepEqual(
      searched.props.leads.data.map((lead: { name: string }) => lead.name),
      ['Lead 7']
    )

    for (const path of [
      '/crm/deals',
      '/crm/pipeline',
      '/crm/accounts',
      '/crm/contacts',
      '/crm/quotes',
      '/crm/activities',
    ]) {
      const response = await client.get(path).loginAs(user)
      response.assertStatus(200)
      assert.match(inertiaPage(response).component, /^crm\//, path)
    }
  })

  test('detail pages render the record with its related records', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const lead = await leadService.create(tenant.id, { name: 'Rel Lead', company: 'Rel Co' })
    const { account, contact, deal } = await leadService.convert(tenant.id, lead.id, {
      createDeal: true,
    })
    const quote = await quoteService.create(tenant.id, { title: 'Rel quote', dealId: deal!.id })

    const accountPage = inertiaPage(await client.get(`/crm/accounts/${account!.id}`).loginAs(user))
    assert.equal(accountPage.component, 'crm/accounts/show')
    assert.deepEqual(
      accountPage.props.contacts.map((c: { id: number }) => c.id),
      [contact.id]
    )
    assert.equal(accountPage.props.deals[0].stage.name, 'Prospecting')

    const dealPage = inertiaPage(await client.get(`/crm/deals/${deal!.id}`).loginAs(user))
    assert.equal(dealPage.props.deal.account.name, 'Rel Co')
    assert.equal(dealPage.props.quotes[0].id, quote.id)
    assert.lengthOf(dealPage.props.stages, 6)

    const quotePage = inertiaPage(await client.get(`/crm/quotes/${quote.id}`).loginAs(user))
    assert.equal(quotePage.props.quote.number, quote.number)
    const contactPage = inertiaPage(await client.get(`/crm/contacts/${contact.id}`).loginAs(user))
    assert.equal(contactPage.props.contact.account.name, 'Rel Co')
  })

  test('creating a lead through the endpoint records lead.created', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const response = await client
      .post('/crm/leads')
      .json({ name: 'Ada', email: 'ada@example.test', source: 'referral', score: 40 })
      .headers(JSON_ACCEPT)
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(201)
    assert.equal(response.body().data.status, 'new')
    assert.equal(response.body().data.ownerId, user.id)
    assert.deepEqual(await eventTypes(tenant.id), ['lead.created'])
  })

  test('a page form post redirects with a flash message', async ({ client, assert }) => {
    const { user } = await createTenantWithUser('builder')
    const response = await client
      .post('/crm/accounts')
      .json({ name: 'Acme' })
      .header('X-Inertia', 'true')
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    response.assertStatus(302)
    assert.match(response.header('location') ?? '', /^\/crm\/accounts\/\d+$/)
  })

  test('validation errors answer 422 with field paths and create nothing', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const response = await client
      .post('/crm/quotes')
      .json({ title: '', lines: [{ description: 'x', quantity: 0, unitPrice: -5 }] })
      .headers(JSON_ACCEPT)
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(422)
    const fields = response.body().errors.map((error: { field: string }) => error.field)
    assert.includeMembers(fields, ['title', 'lines.0.quantity', 'lines.0.unitPrice'])

    const lead = await client
      .post('/crm/leads')
      .json({ name: 'X', email: 'not-an-email', score: 101 })
      .headers(JSON_ACCEPT)
      .withCsrfToken()
      .loginAs(user)
    lead.assertStatus(422)
    assert.includeMembers(
      lead.body().errors.map((error: { field: string }) => error.field),
      ['email', 'score']
    )
    assert.deepEqual(await eventTypes(tenant.id), [])
  })

  test('moving a lost deal answers 422 with a clear message and changes nothing', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const stages = await pipelineService.stages(tenant.id)
    const deal = await dealService.create(tenant.id, { name: 'Gone' })
    await dealService.lose(tenant.id, deal.id, 'Budget')
    await clearEvents(tenant.id)

    const response = await client
      .post(`/crm/deals/${deal.id}/move`)
      .json({ stageId: stages[1].id })
      .headers(JSON_ACCEPT)
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_BUSINESS_RULE' }] })
    assert.match(response.body().errors[0].message, /already lost/)
    const fresh = await Deal.findOrFail(deal.id)
    assert.equal(fresh.stageId, stages[5].id)
    assert.deepEqual(await eventTypes(tenant.id), [])
  })

  test('a refused transition from a page goes back with the message flashed', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const deal = await dealService.create(tenant.id, { name: 'Closed' })
    await dealService.win(tenant.id, deal.id)
    const response = await client
      .post(`/crm/deals/${deal.id}/lose`)
      .json({ reason: 'Changed our mind' })
      .header('X-Inertia', 'true')
      .header('Referer', `/crm/deals/${deal.id}`)
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    response.assertStatus(302)
    assert.match(String(response.flashMessages().error), /already won/)
    const fresh = await Deal.findOrFail(deal.id)
    assert.equal(fresh.status, 'won')
  })

  test('sending a declined quote is refused', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const quote = await quoteService.create(tenant.id, {
      title: 'Q',
      lines: [{ description: 'A', quantity: 1, unitPrice: 100 }],
    })
    await quoteService.send(tenant.id, quote.id)
    await quoteService.decline(tenant.id, quote.id, null)
    const response = await client
      .post(`/crm/quotes/${quote.id}/send`)
      .headers(JSON_ACCEPT)
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(422)
    assert.match(response.body().errors[0].message, /declined/)
  })

  test('the board move endpoint records deal.stage_changed', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const stages = await pipelineService.stages(tenant.id)
    const deal = await dealService.create(tenant.id, { name: 'Moving' })
    await clearEvents(tenant.id)
    const response = await client
      .post(`/crm/deals/${deal.id}/move`)
      .json({ stageId: stages[3].id })
      .headers(JSON_ACCEPT)
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(200)
    assert.deepEqual(await eventTypes(tenant.id), ['deal.stage_changed'])
    const win = await client
      .post(`/crm/deals/${deal.id}/win`)
      .headers(JSON_ACCEPT)
      .withCsrfToken()
      .loginAs(user)
    win.assertStatus(200)
    assert.equal(win.body().data.status, 'won')
  })

  test('viewers read but cannot write', async ({ client, assert }) => {
    const { tenant } = await createTenantWithUser('owner')
    const viewer = await addMember(tenant, 'viewer')
    const lead = await leadService.create(tenant.id, { name: 'Read only' })
    const page = await client.get(`/crm/leads/${lead.id}`).loginAs(viewer)
    page.assertStatus(200)
    assert.equal(inertiaPage(page).props.lead.name, 'Read only')

    const response = await client
      .put(`/crm/leads/${lead.id}`)
      .json({ name: 'Changed' })
      .headers(JSON_ACCEPT)
      .withCsrfToken()
      .loginAs(viewer)
    response.assertStatus(403)
  })

  test('records of another tenant answer 404 on every CRM route', async ({ client, assert }) => {
    const mine = await createTenantWithUser('owner')
    const theirs = await createTenantWithUser('owner')
    const lead = await leadService.create(theirs.tenant.id, { name: 'Secret lead', company: 'S' })
    const deal = await dealService.create(theirs.tenant.id, { name: 'Secret deal' })
    const quote = await quoteService.create(theirs.tenant.id, { title: 'Secret quote' })
    const converted = await leadService.convert(theirs.tenant.id, lead.id, {})
    const ids = {
      lead: lead.id,
      deal: deal.id,
      quote: quote.id,
      contact: converted.contact.id,
      account: converted.account!.id,
    }
    const requests = [
      client.get(`/crm/leads/${ids.lead}`),
      client.put(`/crm/leads/${ids.lead}`).json({ name: 'x' }),
      client.post(`/crm/leads/${ids.lead}/convert`).json({}),
      client.get(`/crm/deals/${ids.deal}`),
      client.put(`/crm/deals/${ids.deal}`).json({ name: 'x' }),
      client.post(`/crm/deals/${ids.deal}/win`),
      client.get(`/crm/accounts/${ids.account}`),
      client.put(`/crm/accounts/${ids.account}`).json({ name: 'x' }),
      client.get(`/crm/contacts/${ids.contact}`),
      client.put(`/crm/contacts/${ids.contact}`).json({ firstName: 'x' }),
      client.get(`/crm/quotes/${ids.quote}`),
      client.post(`/crm/quotes/${ids.quote}/send`),
    ]
    for (const request of requests) {
      const response = await request.headers(JSON_ACCEPT).withCsrfToken().loginAs(mine.user)
      response.assertStatus(404)
      assert.notInclude(response.text(), 'Secret')
    }
    const rows = await db.from('crm_deals').where('id', deal.id).first()
    assert.equal(rows.name, 'Secret deal')
  })
})
