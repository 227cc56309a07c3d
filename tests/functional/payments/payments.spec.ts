import { test } from '@japa/runner'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import { waitForDispatches } from '#core/events/outbox'
import Invoice from '#invoicing/models/invoice'
import { invoiceService } from '#invoicing/services/invoice_service'
import { paymentService } from '#payments/services/payment_service'
import { entityRegistry } from '#core/entities/registry'
import { markOverdueInvoices } from '#invoicing/jobs/mark_overdue'
import { DateTime } from 'luxon'
import { countRows, createAccount, eventsOf, eventTypes, twoLines } from '../invoicing/fixtures.js'

/** A sent invoice of 185,050 minor units. */
async function sentInvoice(tenantId: number) {
  const accountId = await createAccount(tenantId)
  const invoice = await invoiceService.create(tenantId, { accountId, lines: twoLines })
  return invoiceService.send(tenantId, invoice.id)
}

test.group('Payments | service', (group) => {
  group.each.setup(() => truncateAll())
  group.each.teardown(() => waitForDispatches())

  test('a partial payment emits payment.received and makes the invoice partially paid', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const invoice = await sentInvoice(tenant.id)

    const payment = await paymentService.record(
      tenant.id,
      { invoiceId: invoice.id, amount: 85_050, method: 'card', paidOn: '2026-05-02' },
      { actorId: user.id }
    )

    await invoice.refresh()
    assert.equal(invoice.status, 'partially_paid')
    assert.equal(invoice.amountPaid, 85_050)
    assert.equal(invoice.balance, 100_000)
    assert.equal(payment.currency, 'USD')

    const events = await eventsOf(tenant.id, 'payment.received', 'invoice.paid')
    assert.deepEqual(
      events.map((event) => event.type),
      ['payment.received']
    )
    assert.equal(events[0].payload.entity.amount, 85_050)
    assert.equal(events[0].payload.entity.invoiceId, invoice.id)
    assert.equal(events[0].payload.entity.paidOn, '2026-05-02')
    assert.equal(events[0].actorId, user.id)
  })

  test('paying the balance emits invoice.paid with the status change', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const invoice = await sentInvoice(tenant.id)

    await paymentService.record(tenant.id, { invoiceId: invoice.id, amount: 100_000 })
    await paymentService.record(tenant.id, { invoiceId: invoice.id, amount: 85_050 })

    await invoice.refresh()
    assert.equal(invoice.status, 'paid')
    assert.isNotNull(invoice.paidAt)
    const types = await eventTypes(tenant.id)
    assert.deepEqual(types.slice(2), ['payment.received', 'payment.received', 'invoice.paid'])
    const [paid] = await eventsOf(tenant.id, 'invoice.paid')
    assert.deepEqual(paid.payload.changes.status, { from: 'partially_paid', to: 'paid' })
    assert.deepEqual(paid.payload.changes.amountPaid, { from: 100_000, to: 185_050 })
  })

  test('an overdue invoice stays overdue until fully paid', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)
    const draft = await invoiceService.create(tenant.id, {
      accountId,
      issueDate: '2020-01-01',
      dueDate: '2020-02-01',
      lines: twoLines,
    })
    await invoiceService.send(tenant.id, draft.id)
    await markOverdueInvoices({ now: DateTime.fromISO('2020-03-01T00:00:00Z') })

    await paymentService.record(tenant.id, { invoiceId: draft.id, amount: 1_000 })
    await draft.refresh()
    assert.equal(draft.status, 'overdue')
    await paymentService.record(tenant.id, { invoiceId: draft.id, amount: 184_050 })
    await draft.refresh()
    assert.equal(draft.status, 'paid')
  })

  test('paying a void invoice is refused and changes nothing', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const invoice = await sentInvoice(tenant.id)
    await invoiceService.void(tenant.id, invoice.id)
    const before = await eventTypes(tenant.id)

    try {
      await paymentService.record(tenant.id, { invoiceId: invoice.id, amount: 1_000 })
      assert.fail('paying a void invoice must be refused')
    } catch (error) {
      assert.equal(error.status, 422)
      assert.match(error.message, /is void and cannot be paid/)
    }

    await invoice.refresh()
    assert.equal(invoice.status, 'void')
    assert.equal(invoice.amountPaid, 0)
    assert.equal(await countRows('payments'), 0)
    assert.deepEqual(await eventTypes(tenant.id), before)
  })

  test('refuses drafts, overpayments, wrong currency and paid invoices', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)
    const draft = await invoiceService.create(tenant.id, { accountId, lines: twoLines })
    await assert.rejects(
      () => paymentService.record(tenant.id, { invoiceId: draft.id, amount: 10 }),
      /is a draft/
    )

    const invoice = await sentInvoice(tenant.id)
    await assert.rejects(
      () => paymentService.record(tenant.id, { invoiceId: invoice.id, amount: 185_051 }),
      /exceeds the open balance/
    )
    await assert.rejects(
      () => paymentService.record(tenant.id, { invoiceId: invoice.id, amount: 5, currency: 'EUR' }),
      /must be the invoice currency/
    )
    await paymentService.record(tenant.id, { invoiceId: invoice.id, amount: 185_050 })
    await assert.rejects(
      () => paymentService.record(tenant.id, { invoiceId: invoice.id, amount: 1 }),
      /already paid/
    )
    assert.equal(await countRows('payments'), 1)
  })

  test("another tenant's invoice cannot be paid", async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const other = await createTenantWithUser()
    const invoice = await sentInvoice(other.tenant.id)

    await assert.rejects(
      () => paymentService.record(tenant.id, { invoiceId: invoice.id, amount: 100 }),
      /invoice does not exist/
    )
    const fresh = await Invoice.findOrFail(invoice.id)
    assert.equal(fresh.amountPaid, 0)
  })

  test('the same idempotency key records one payment', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const invoice = await sentInvoice(tenant.id)

    const first = await paymentService.record(
      tenant.id,
      { invoiceId: invoice.id, amount: 500 },
      { idempotencyKey: 'exec-1:step-3' }
    )
    const again = await paymentService.record(
      tenant.id,
      { invoiceId: invoice.id, amount: 500 },
      { idempotencyKey: 'exec-1:step-3' }
    )
    assert.equal(again.id, first.id)
    await invoice.refresh()
    assert.equal(invoice.amountPaid, 500)
  })

  test('correcting payment details emits payment.updated; the amount cannot change', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser()
    const invoice = await sentInvoice(tenant.id)
    const payment = await paymentService.record(tenant.id, {
      invoiceId: invoice.id,
      amount: 1_000,
      reference: 'TYPO',
    })

    await paymentService.update(tenant.id, payment.id, { reference: 'BANK-REF-7', method: 'card' })
    const [event] = await eventsOf(tenant.id, 'payment.updated')
    assert.deepEqual(event.payload.changes, {
      reference: { from: 'TYPO', to: 'BANK-REF-7' },
      method: { from: 'bank_transfer', to: 'card' },
    })

    const payments = entityRegistry.get('payment').operations
    await assert.rejects(
      () => payments.update(tenant.id, payment.id, { amount: 5 }),
      /cannot change/
    )
    const viaRegistry = await payments.update(tenant.id, payment.id, { paidOn: '2026-02-02' })
    assert.equal(viaRegistry.paidOn, '2026-02-02')
    assert.equal(viaRegistry.amount, 1_000)
  })
})
