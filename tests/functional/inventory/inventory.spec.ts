import { test } from '@japa/runner'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import { waitForDispatches } from '#core/events/outbox'
import { inventoryService } from '#inventory/services/inventory_service'
import { countRows, eventsOf, eventTypes } from '../invoicing/fixtures.js'

test.group('Inventory | stock', (group) => {
  group.each.setup(() => truncateAll())
  group.each.teardown(() => waitForDispatches())

  test('opening stock and movements emit inventory.stock_changed with the delta', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const item = await inventoryService.createItem(tenant.id, {
      sku: 'BOLT-M8',
      name: 'Bolt M8',
      minimumStock: 50,
      initialStock: 60,
    })
    await inventoryService.recordMovement(
      tenant.id,
      { itemId: item.id, kind: 'issue', quantity: 15, reference: 'SO-1' },
      { actorId: user.id }
    )

    await item.refresh()
    assert.equal(item.stockOnHand, 45)
    assert.isTrue(item.belowMinimum)

    const events = await eventsOf(tenant.id, 'inventory.stock_changed')
    assert.lengthOf(events, 2)
    assert.equal(events[0].payload.quantityDelta, 60)
    assert.equal(events[1].payload.quantityDelta, -15)
    assert.deepEqual(events[1].payload.changes.stockOnHand, { from: 60, to: 45 })
    assert.deepEqual(events[1].payload.changes.belowMinimum, { from: false, to: true })
    assert.isTrue(events[1].payload.entity.belowMinimum)
    assert.equal(events[1].actorId, user.id)
    assert.equal(await countRows('stock_movements', { item_id: item.id }), 2)
  })

  test('cannot issue more than on hand; nothing changes', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const item = await inventoryService.createItem(tenant.id, {
      sku: 'NUT',
      name: 'Nut',
      initialStock: 5,
    })
    const before = await eventTypes(tenant.id)

    await assert.rejects(
      () =>
        inventoryService.recordMovement(tenant.id, { itemId: item.id, kind: 'issue', quantity: 6 }),
      /Only 5 pcs of NUT on hand/
    )
    await assert.rejects(
      () =>
        inventoryService.recordMovement(tenant.id, {
          itemId: item.id,
          kind: 'receipt',
          quantity: -1,
        }),
      /positive quantity/
    )
    await item.refresh()
    assert.equal(item.stockOnHand, 5)
    assert.deepEqual(await eventTypes(tenant.id), before)
    assert.equal(await countRows('stock_movements'), 1)
  })

  test('SKUs are unique per tenant', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const other = await createTenantWithUser()
    await inventoryService.createItem(tenant.id, { sku: 'A1', name: 'A' })
    await assert.rejects(
      () => inventoryService.createItem(tenant.id, { sku: 'A1', name: 'again' }),
      /already used/
    )
    await inventoryService.createItem(other.tenant.id, { sku: 'A1', name: 'theirs' })
    assert.equal(await countRows('inventory_items', { sku: 'A1' }), 2)
  })

  test("another tenant's item cannot be moved", async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const other = await createTenantWithUser()
    const item = await inventoryService.createItem(other.tenant.id, {
      sku: 'X',
      name: 'X',
      initialStock: 3,
    })
    await assert.rejects(
      () =>
        inventoryService.recordMovement(tenant.id, { itemId: item.id, kind: 'issue', quantity: 1 }),
      /item does not exist/
    )
    await item.refresh()
    assert.equal(item.stockOnHand, 3)
  })

  test('item created and edited: inventory.item_created, inventory.item_updated', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser()
    const item = await inventoryService.createItem(tenant.id, { sku: 'Z9', name: 'Zip tie' })
    await inventoryService.updateItem(tenant.id, item.id, { minimumStock: 100, name: 'Zip tie' })

    assert.deepEqual(await eventTypes(tenant.id), [
      'inventory.item_created',
      'inventory.item_updated',
    ])
    const [updated] = await eventsOf(tenant.id, 'inventory.item_updated')
    assert.deepEqual(updated.payload.changes, {
      minimumStock: { from: 0, to: 100 },
      belowMinimum: { from: false, to: true },
    })
  })
})
