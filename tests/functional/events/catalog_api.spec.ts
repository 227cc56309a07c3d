import { test } from '@japa/runner'
import { DOMAIN_EVENT_TYPES } from '#core/events/catalog'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'

test.group('Entity and event catalog API', (group) => {
  group.each.setup(() => truncateAll())

  test('lists registered entities without their operations', async ({ client, assert }) => {
    const { user } = await createTenantWithUser('viewer')
    const response = await client.get('/api/v1/entities').loginAs(user)
    response.assertStatus(200)
    const entities = response.body().data as Array<Record<string, any>>
    const deal = entities.find((entity) => entity.name === 'deal')
    assert.exists(deal)
    assert.notProperty(deal, 'operations')
    assert.include(deal!.events, 'deal.stage_changed')
    assert.deepInclude(deal!.fields, { key: 'amount', label: 'Amount', type: 'money' })

    const one = await client.get('/api/v1/entities/lead').loginAs(user)
    assert.equal(one.body().data.label, 'Lead')
    const missing = await client.get('/api/v1/entities/unicorn').loginAs(user)
    missing.assertStatus(404)
  })

  test('lists the domain event catalog', async ({ client, assert }) => {
    const { user } = await createTenantWithUser('viewer')
    const response = await client.get('/api/v1/domain-events').loginAs(user)
    response.assertStatus(200)
    const types = response.body().data.map((event: { type: string }) => event.type)
    assert.deepEqual(types, DOMAIN_EVENT_TYPES)
  })

  test('guests get 401', async ({ client }) => {
    const response = await client.get('/api/v1/entities')
    response.assertStatus(401)
  })
})
