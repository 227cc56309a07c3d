import { test } from '@japa/runner'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import { waitForDispatches } from '#core/events/outbox'
import { entityRegistry } from '#core/entities/registry'
import { DOMAIN_EVENTS } from '#core/events/catalog'
import { invoiceService } from '#invoicing/services/invoice_service'
import { paymentService } from '#payments/services/payment_service'
import { expenseService } from '#finance/services/expense_service'
import { inventoryService } from '#inventory/services/inventory_service'
import { toSnapshot } from '#core/events/snapshot'
import { countRows, createAccount, eventsOf, eventTypes, twoLines } from './fixtures.js'

/** A snapshot without what naturally differs between two creations (ids, times, numbers). */
function comparable(record: Record<string, unknown>) {
  const volatile = new Set(['id', 'number', 'createdAt', 'updatedAt', 'sentAt', 'invoiceId'])
  return JSON.parse(
    JSON.stringify(record, (key, value) =>
      volatile.has(key) ? undefined : key === 'lines' ? value.map(comparable) : value
    )
  )
}

const HOST_ENTITIES = [
  'invoice',
  'payment',
  'project',
  'milestone',
  'task',
  'expense',
  'budget',
  'item',
  'document',
  'contract',
]

test.group('Host modules | entity registry', (group) => {
  group.each.setup(() => truncateAll())
  group.each.teardown(() => waitForDispatches())

  test('every host entity is registered with fields and events from the catalog', ({ assert }) => {
    for (const name of HOST_ENTITIES) {
      const definition = entityRegistry.get(name)
      assert.isAbove(definition.fields.length, 3, name)
      assert.isTrue(
        definition.fields.some((field) => field.key === 'id'),
        name
      )
    }
    // Every catalog event of these modules is listed by the entity whose snapshot it carries.
    for (const info of DOMAIN_EVENTS.filter((event) => HOST_ENTITIES.includes(event.entity))) {
      assert.include(entityRegistry.get(info.entity).events, info.type, info.type)
    }
  })

  test('invoice create through the registry equals the service result, events included', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)
    const data = { accountId, issueDate: '2026-03-01', dueDate: '2026-03-15', lines: twoLines }

    const viaService = await invoiceService.create(tenant.id, data, { actorId: user.id })
    const viaRegistry = await entityRegistry
      .get('invoice')
      .operations.create(tenant.id, data, { actorId: user.id })

    assert.deepEqual(comparable(viaRegistry), comparable(toSnapshot(viaService)))
    const events = await eventsOf(tenant.id, 'invoice.created')
    assert.lengthOf(events, 2)
    assert.deepEqual(comparable(events[1].payload.entity), comparable(events[0].payload.entity))

    const found = await entityRegistry.get('invoice').operations.find(tenant.id, viaRegistry.id)
    assert.deepEqual(found, viaRegistry)
  })

  test('registry validation is the same as the forms: bad input is refused, nothing written', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)

    try {
      await entityRegistry
        .get('invoice')
        .operations.create(tenant.id, { accountId, lines: [{ description: '', quantity: -1 }] })
      assert.fail('invalid data must be refused')
    } catch (error) {
      assert.equal(error.code, 'E_VALIDATION_ERROR')
      const fields = error.messages.map((message: { field: string }) => message.field)
      assert.includeMembers(fields, [
        'lines.0.description',
        'lines.0.quantity',
        'lines.0.unitPrice',
      ])
    }
    assert.equal(await countRows('invoices'), 0)
    assert.deepEqual(await eventTypes(tenant.id), [])
  })

  test('invoice status updates run the send/void actions; other statuses are refused', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)
    const invoices = entityRegistry.get('invoice').operations
    const created = await invoices.create(tenant.id, { accountId, lines: twoLines })

    const sent = await invoices.update(tenant.id, created.id, { status: 'sent' })
    assert.equal(sent.status, 'sent')
    const again = await invoices.update(tenant.id, created.id, { status: 'sent' })
    assert.equal(again.status, 'sent')
    await assert.rejects(
      () => invoices.update(tenant.id, created.id, { status: 'paid' }),
      /can be set to sent or void/
    )
    assert.deepEqual(await eventTypes(tenant.id), ['invoice.created', 'invoice.sent'])
  })

  test('payment, expense and item operations match their services', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)
    const invoice = await invoiceService.create(tenant.id, { accountId, lines: twoLines })
    await invoiceService.send(tenant.id, invoice.id)

    const viaService = await paymentService.record(tenant.id, {
      invoiceId: invoice.id,
      amount: 100,
      paidOn: '2026-01-05',
    })
    const viaRegistry = await entityRegistry
      .get('payment')
      .operations.create(tenant.id, { invoiceId: invoice.id, amount: 100, paidOn: '2026-01-05' })
    assert.deepEqual(comparable(viaRegistry), comparable(toSnapshot(viaService)))

    const expense = await expenseService.submit(tenant.id, {
      description: 'Taxi',
      category: 'travel',
      amount: 3_000,
    })
    const approved = await entityRegistry
      .get('expense')
      .operations.update(tenant.id, expense.id, { status: 'approved' })
    assert.equal(approved.status, 'approved')

    const item = await inventoryService.createItem(tenant.id, { sku: 'S1', name: 'Screw' })
    const counted = await entityRegistry
      .get('item')
      .operations.update(tenant.id, item.id, { stockOnHand: 12, minimumStock: 20 })
    assert.equal(counted.stockOnHand, 12)
    assert.isTrue(counted.belowMinimum)
    const [stockEvent] = await eventsOf(tenant.id, 'inventory.stock_changed')
    assert.equal(stockEvent.payload.quantityDelta, 12)

    assert.includeMembers(await eventTypes(tenant.id), [
      'payment.received',
      'expense.submitted',
      'expense.approved',
    ])
  })

  test("find returns null for another tenant's record and for malformed ids", async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser()
    const other = await createTenantWithUser()
    const accountId = await createAccount(other.tenant.id)
    const theirs = await invoiceService.create(other.tenant.id, { accountId, lines: twoLines })
    const invoices = entityRegistry.get('invoice').operations

    assert.isNull(await invoices.find(tenant.id, theirs.id))
    assert.isNull(await invoices.find(tenant.id, 'abc'))
    assert.isNotNull(await invoices.find(other.tenant.id, String(theirs.id)))
    await assert.rejects(() => invoices.update(tenant.id, theirs.id, { notes: 'x' }))
  })

  test('document create through the registry stores inline content', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const created = await entityRegistry.get('document').operations.create(tenant.id, {
      fileName: 'note.txt',
      contentBase64: Buffer.from('hello').toString('base64'),
      type: 'other',
      expiresOn: '2027-01-01',
    })
    assert.equal(created.size, 5)
    assert.equal(created.expiresOn, '2027-01-01')
    assert.deepEqual(await eventTypes(tenant.id), ['document.uploaded'])
    const { default: drive } = await import('@adonisjs/drive/services/main')
    await drive.use().deleteAll('tenants')
  })
})
