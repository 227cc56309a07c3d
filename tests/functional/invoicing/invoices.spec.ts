import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import { waitForDispatches } from '#core/events/outbox'
import { invoiceService } from '#invoicing/services/invoice_service'
import { markOverdueInvoices } from '#invoicing/jobs/mark_overdue'
import InvoicingMarkOverdue from '#commands/invoicing_mark_overdue'
import { countRows, createAccount, eventsOf, eventTypes, runAce, twoLines } from './fixtures.js'

test.group('Invoicing | service', (group) => {
  group.each.setup(() => truncateAll())
  group.each.teardown(() => waitForDispatches())

  test('create computes totals, numbers per tenant and emits invoice.created', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)

    const invoice = await invoiceService.create(
      tenant.id,
      { accountId, issueDate: '2026-03-01', lines: twoLines },
      { actorId: user.id }
    )

    assert.equal(invoice.number, 'INV-2026-0001')
    assert.equal(invoice.status, 'draft')
    assert.equal(invoice.currency, 'USD')
    assert.equal(invoice.subtotal, 155_050)
    assert.equal(invoice.taxTotal, 30_000)
    assert.equal(invoice.total, 185_050)
    assert.equal(invoice.dueDate.toISODate(), '2026-03-31')
    assert.lengthOf(invoice.lines, 2)

    const second = await invoiceService.create(tenant.id, {
      accountId,
      issueDate: '2026-04-01',
      lines: twoLines,
    })
    assert.equal(second.number, 'INV-2026-0002')

    const events = await eventsOf(tenant.id)
    assert.deepEqual(
      events.map((event) => event.type),
      ['invoice.created', 'invoice.created']
    )
    assert.equal(events[0].aggregateType, 'invoice')
    assert.equal(events[0].aggregateId, String(invoice.id))
    assert.equal(events[0].actorId, user.id)
    assert.equal(events[0].payload.entity.number, 'INV-2026-0001')
    assert.equal(events[0].payload.entity.total, 185_050)
    assert.lengthOf(events[0].payload.entity.lines, 2)
  })

  test('the same idempotency key creates one invoice', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)
    const input = { accountId, lines: twoLines }

    const first = await invoiceService.create(tenant.id, input, { idempotencyKey: 'step-1' })
    const again = await invoiceService.create(tenant.id, input, { idempotencyKey: 'step-1' })

    assert.equal(again.id, first.id)
    assert.equal(await countRows('invoices', { tenant_id: tenant.id }), 1)
    assert.deepEqual(await eventTypes(tenant.id), ['invoice.created'])
  })

  test('update changes a draft and emits invoice.updated with the changed fields', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)
    const invoice = await invoiceService.create(tenant.id, { accountId, lines: twoLines })

    await invoiceService.update(tenant.id, invoice.id, {
      notes: 'Thanks!',
      lines: [{ description: 'Consulting', quantity: 2, unitPrice: 10_000 }],
    })

    const [event] = await eventsOf(tenant.id, 'invoice.updated')
    assert.deepEqual(event.payload.changes.notes, { from: null, to: 'Thanks!' })
    assert.deepEqual(event.payload.changes.total, { from: 185_050, to: 20_000 })
    assert.equal(event.payload.entity.total, 20_000)
  })

  test('send moves draft to sent; a sent invoice cannot be edited or sent again', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)
    const invoice = await invoiceService.create(tenant.id, { accountId, lines: twoLines })

    await invoiceService.send(tenant.id, invoice.id)
    const [sent] = await eventsOf(tenant.id, 'invoice.sent')
    assert.deepEqual(sent.payload.changes.status, { from: 'draft', to: 'sent' })

    await assert.rejects(
      () => invoiceService.update(tenant.id, invoice.id, { notes: 'late edit' }),
      /Only draft invoices can be edited/
    )
    await assert.rejects(() => invoiceService.send(tenant.id, invoice.id), /Only a draft invoice/)
    await invoice.refresh()
    assert.equal(invoice.status, 'sent')
    assert.isNull(invoice.notes)
    assert.deepEqual(await eventTypes(tenant.id), ['invoice.created', 'invoice.sent'])
  })

  test('void emits invoice.voided; voiding twice is refused', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)
    const invoice = await invoiceService.create(tenant.id, { accountId, lines: twoLines })

    await invoiceService.void(tenant.id, invoice.id)
    await assert.rejects(() => invoiceService.void(tenant.id, invoice.id), /already void/)
    assert.deepEqual(await eventTypes(tenant.id), ['invoice.created', 'invoice.voided'])
  })

  test('refuses an account of another tenant and a duplicate number', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const other = await createTenantWithUser()
    const foreignAccount = await createAccount(other.tenant.id)
    const accountId = await createAccount(tenant.id)

    await assert.rejects(
      () => invoiceService.create(tenant.id, { accountId: foreignAccount, lines: twoLines }),
      /account does not exist/
    )
    await invoiceService.create(tenant.id, { accountId, number: 'A-1', lines: twoLines })
    await assert.rejects(
      () => invoiceService.create(tenant.id, { accountId, number: 'A-1', lines: twoLines }),
      /already used/
    )
    // Numbers are unique per tenant, not globally.
    const otherAccount = await createAccount(other.tenant.id)
    await invoiceService.create(other.tenant.id, {
      accountId: otherAccount,
      number: 'A-1',
      lines: twoLines,
    })
    assert.equal(await countRows('invoices', { number: 'A-1' }), 2)
  })
})

test.group('Invoicing | overdue scan', (group) => {
  group.each.setup(() => truncateAll())
  group.each.teardown(() => waitForDispatches())

  test('marks sent invoices past due (tenant time zone) once and emits invoice.overdue', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser('owner', {
      tenant: { timezone: 'Pacific/Auckland' },
    })
    const accountId = await createAccount(tenant.id)
    const create = async (dueDate: string, send = true) => {
      const invoice = await invoiceService.create(tenant.id, {
        accountId,
        issueDate: '2026-01-01',
        dueDate,
        lines: twoLines,
      })
      if (send) await invoiceService.send(tenant.id, invoice.id)
      return invoice
    }
    const pastDue = await create('2026-02-09')
    const dueToday = await create('2026-02-10')
    const draft = await create('2026-01-15', false)

    // 2026-02-09 12:00 UTC is already 2026-02-10 in Auckland: 02-09 is past due there.
    const now = DateTime.fromISO('2026-02-09T12:00:00Z')
    assert.deepEqual(await markOverdueInvoices({ now }), { marked: 1 })
    assert.deepEqual(await markOverdueInvoices({ now }), { marked: 0 })

    await pastDue.refresh()
    await dueToday.refresh()
    await draft.refresh()
    assert.equal(pastDue.status, 'overdue')
    assert.equal(dueToday.status, 'sent')
    assert.equal(draft.status, 'draft')

    const overdue = await eventsOf(tenant.id, 'invoice.overdue')
    assert.lengthOf(overdue, 1)
    assert.equal(overdue[0].aggregateId, String(pastDue.id))
    assert.deepEqual(overdue[0].payload.changes.status, { from: 'sent', to: 'overdue' })
  })

  test('the ace command runs the scan', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)
    const invoice = await invoiceService.create(tenant.id, {
      accountId,
      issueDate: '2020-01-01',
      dueDate: '2020-01-31',
      lines: twoLines,
    })
    await invoiceService.send(tenant.id, invoice.id)

    const command = await runAce(InvoicingMarkOverdue)
    command.assertSucceeded()
    command.assertLog('[ green(success) ] 1 invoice(s) marked overdue')

    await invoice.refresh()
    assert.equal(invoice.status, 'overdue')
  })
})
