import { test } from '@japa/runner'
import { truncateAll } from '#tests/helpers/db'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { inertiaPage } from '#tests/helpers/inertia'
import { waitForDispatches } from '#core/events/outbox'
import { inventoryService } from '#inventory/services/inventory_service'
import { eventsOf } from '../invoicing/fixtures.js'

const json = { Accept: 'application/json' }

test.group('Inventory | HTTP', (group) => {
  group.each.setup(() => truncateAll())
  group.each.teardown(() => waitForDispatches())

  test('create an item, issue stock below minimum, see it in the filtered list', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')

    const created = await client
      .post('/inventory/items')
      .json({ sku: 'CBL-01', name: 'Cable', minimumStock: 10, initialStock: 12 })
      .headers(json)
      .withCsrfToken()
      .loginAs(user)
    created.assertStatus(201)
    const id = created.body().data.id

    const issued = await client
      .post(`/inventory/items/${id}/movements`)
      .json({ kind: 'issue', quantity: 5, reference: 'WO-9' })
      .headers(json)
      .withCsrfToken()
      .loginAs(user)
    issued.assertStatus(201)
    assert.equal(issued.body().data.balanceAfter, 7)

    const tooMany = await client
      .post(`/inventory/items/${id}/movements`)
      .json({ kind: 'issue', quantity: 8 })
      .headers(json)
      .withCsrfToken()
      .loginAs(user)
    tooMany.assertStatus(422)
    assert.match(tooMany.body().errors[0].message, /Only 7 pcs of CBL-01 on hand/)

    const below = inertiaPage(
      await client.get('/inventory/items?status=below_minimum').loginAs(user)
    )
    assert.deepEqual(
      below.props.items.data.map((item: { sku: string }) => item.sku),
      ['CBL-01']
    )
    const detail = inertiaPage(await client.get(`/inventory/items/${id}`).loginAs(user))
    assert.equal(detail.component, 'inventory/item')
    assert.lengthOf(detail.props.movements, 2)
    assert.equal(detail.props.movements[0].actorName, user.fullName)
    assert.lengthOf(await eventsOf(tenant.id, 'inventory.stock_changed'), 2)
  })

  test('viewers cannot move stock; other tenants get 404', async ({ client, assert }) => {
    const { tenant } = await createTenantWithUser()
    const viewer = await addMember(tenant, 'viewer')
    const stranger = await createTenantWithUser()
    const item = await inventoryService.createItem(tenant.id, {
      sku: 'A',
      name: 'A',
      initialStock: 1,
    })

    const move = await client
      .post(`/inventory/items/${item.id}/movements`)
      .json({ kind: 'issue', quantity: 1 })
      .headers(json)
      .withCsrfToken()
      .loginAs(viewer)
    move.assertStatus(403)
    const foreign = await client
      .post(`/inventory/items/${item.id}/movements`)
      .json({ kind: 'issue', quantity: 1 })
      .headers(json)
      .withCsrfToken()
      .loginAs(stranger.user)
    foreign.assertStatus(404)
    await item.refresh()
    assert.equal(item.stockOnHand, 1)
  })
})
