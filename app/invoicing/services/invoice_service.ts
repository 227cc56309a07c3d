import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Tenant from '#core/models/tenant'
import { recordEvent } from '#core/events/outbox'
import { announceChange } from '#finance/support/realtime'
import Invoice, { type InvoiceStatus } from '#invoicing/models/invoice'
import InvoiceLine from '#invoicing/models/invoice_line'
import { computeInvoiceTotals, type InvoiceLineInput } from '#invoicing/services/invoice_totals'
import { BusinessRuleError } from '#finance/support/business_error'
import { assertAccountInTenant } from '#finance/support/crm_accounts'
import { diffSnapshots, toSnapshot } from '#core/events/snapshot'
import { toDate, todayIn, type DateInput } from '#finance/support/dates'
import {
  findByIdempotencyKey,
  inTransaction,
  type ServiceOptions,
} from '#finance/support/transactions'

export interface CreateInvoiceInput {
  accountId: number
  /** Generated (INV-<year>-<seq>) when omitted. */
  number?: string | null
  currency?: string | null
  issueDate?: DateInput | null
  /** Defaults to 30 days after the issue date. */
  dueDate?: DateInput | null
  notes?: string | null
  lines: InvoiceLineInput[]
}

export type UpdateInvoiceInput = Partial<CreateInvoiceInput>

/**
 * All writes to invoices. Each operation runs in one transaction (the caller's when given) and
 * records its domain events in that transaction, so the event exists iff the change committed.
 */
export class InvoiceService {
  async create(tenantId: number, input: CreateInvoiceInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const existing = await findByIdempotencyKey(Invoice, trx, tenantId, opts.idempotencyKey)
      if (existing) return this.loadWithLines(existing, trx)

      const tenant = await Tenant.findOrFail(tenantId, { client: trx })
      await assertAccountInTenant(trx, tenantId, input.accountId)
      const issueDate = input.issueDate ? toDate(input.issueDate) : todayIn(tenant.timezone)
      const dueDate = input.dueDate ? toDate(input.dueDate) : issueDate.plus({ days: 30 })
      this.assertDates(issueDate, dueDate)
      const number = input.number?.trim() || (await this.nextNumber(trx, tenantId, issueDate))
      await this.assertNumberFree(trx, tenantId, number)

      const totals = computeInvoiceTotals(input.lines)
      const invoice = await Invoice.create(
        {
          tenantId,
          number,
          accountId: input.accountId,
          status: 'draft',
          currency: (input.currency ?? tenant.currency).toUpperCase(),
          issueDate,
          dueDate,
          notes: input.notes ?? null,
          subtotal: totals.subtotal,
          taxTotal: totals.taxTotal,
          total: totals.total,
          amountPaid: 0,
          sentAt: null,
          paidAt: null,
          overdueAt: null,
          voidedAt: null,
          idempotencyKey: opts.idempotencyKey ?? null,
          createdBy: opts.actorId ?? null,
        },
        { client: trx }
      )
      await this.replaceLines(trx, invoice, totals.lines)
      await this.loadWithLines(invoice, trx)
      await recordEvent(trx, {
        tenantId,
        type: 'invoice.created',
        aggregateType: 'invoice',
        aggregateId: invoice.id,
        payload: { entity: toSnapshot(invoice) },
        actorId: opts.actorId,
      })
      return invoice
    })
  }

  /** Edits a draft invoice; once sent, an invoice is a document the customer has and stays as is. */
  async update(tenantId: number, id: number, input: UpdateInvoiceInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const invoice = await this.lock(trx, tenantId, id)
      if (invoice.status !== 'draft') {
        throw new BusinessRuleError(
          `Only draft invoices can be edited (this one is ${invoice.status})`
        )
      }
      await this.loadWithLines(invoice, trx)
      const before = toSnapshot(invoice)

      if (input.accountId !== undefined && input.accountId !== invoice.accountId) {
        await assertAccountInTenant(trx, tenantId, input.accountId)
        invoice.accountId = input.accountId
      }
      if (input.number && input.number.trim() !== invoice.number) {
        await this.assertNumberFree(trx, tenantId, input.number.trim())
        invoice.number = input.number.trim()
      }
      if (input.currency) invoice.currency = input.currency.toUpperCase()
      if (input.issueDate) invoice.issueDate = toDate(input.issueDate)
      if (input.dueDate) invoice.dueDate = toDate(input.dueDate)
      if (input.notes !== undefined) invoice.notes = input.notes
      this.assertDates(invoice.issueDate, invoice.dueDate)
      if (input.lines) {
        const totals = computeInvoiceTotals(input.lines)
        invoice.merge({ subtotal: totals.subtotal, taxTotal: totals.taxTotal, total: totals.total })
        await this.replaceLines(trx, invoice, totals.lines)
      }
      await invoice.useTransaction(trx).save()
      await this.loadWithLines(invoice, trx)

      const changes = diffSnapshots(before, toSnapshot(invoice))
      if (Object.keys(changes).length > 0) {
        await recordEvent(trx, {
          tenantId,
          type: 'invoice.updated',
          aggregateType: 'invoice',
          aggregateId: invoice.id,
          payload: { entity: toSnapshot(invoice), changes },
          actorId: opts.actorId,
        })
        announceChange(trx, tenantId, 'invoices', invoice.id, 'invoice.updated')
      }
      return invoice
    })
  }

  /** draft → sent. */
  async send(tenantId: number, id: number, opts: ServiceOptions = {}) {
    return this.transition(tenantId, id, opts, 'invoice.sent', (invoice) => {
      if (invoice.status !== 'draft') {
        throw new BusinessRuleError(
          `Only a draft invoice can be sent (this one is ${invoice.status})`
        )
      }
      if (invoice.total <= 0) throw new BusinessRuleError('An invoice needs a total above zero')
      invoice.merge({ status: 'sent', sentAt: DateTime.now() })
    })
  }

  /** Cancels an invoice nobody paid anything on. */
  async void(tenantId: number, id: number, opts: ServiceOptions = {}) {
    return this.transition(tenantId, id, opts, 'invoice.voided', (invoice) => {
      if (invoice.status === 'void') throw new BusinessRuleError('The invoice is already void')
      if (invoice.amountPaid > 0) {
        throw new BusinessRuleError('An invoice with payments cannot be voided')
      }
      invoice.merge({ status: 'void', voidedAt: DateTime.now() })
    })
  }

  /**
   * Marks one open invoice overdue when its due date is before `today` (the tenant's date).
   * Returns null when the invoice is not (or no longer) eligible: the scan can race payments.
   */
  async markOverdue(tenantId: number, id: number, today: DateTime, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const invoice = await this.lock(trx, tenantId, id)
      const open: InvoiceStatus[] = ['sent', 'partially_paid']
      if (!open.includes(invoice.status) || invoice.dueDate >= today) return null
      await this.loadWithLines(invoice, trx)
      const before = toSnapshot(invoice)
      invoice.merge({ status: 'overdue', overdueAt: DateTime.now() })
      await invoice.useTransaction(trx).save()
      await recordEvent(trx, {
        tenantId,
        type: 'invoice.overdue',
        aggregateType: 'invoice',
        aggregateId: invoice.id,
        payload: {
          entity: toSnapshot(invoice),
          changes: diffSnapshots(before, toSnapshot(invoice)),
        },
        actorId: opts.actorId,
      })
      announceChange(trx, tenantId, 'invoices', invoice.id, 'invoice.overdue')
      return invoice
    })
  }

  /** Locks the invoice row for a state change; 404 semantics for other tenants' ids. */
  async lock(trx: TransactionClientContract, tenantId: number, id: number) {
    return Invoice.query({ client: trx })
      .where('tenant_id', tenantId)
      .where('id', id)
      .forUpdate()
      .firstOrFail()
  }

  async loadWithLines(invoice: Invoice, trx?: TransactionClientContract) {
    if (trx) invoice.useTransaction(trx)
    await invoice.load('lines', (query) => query.orderBy('position'))
    return invoice
  }

  private async transition(
    tenantId: number,
    id: number,
    opts: ServiceOptions,
    event: 'invoice.sent' | 'invoice.voided',
    apply: (invoice: Invoice) => void
  ) {
    return inTransaction(opts.trx, async (trx) => {
      const invoice = await this.lock(trx, tenantId, id)
      await this.loadWithLines(invoice, trx)
      const before = toSnapshot(invoice)
      apply(invoice)
      await invoice.useTransaction(trx).save()
      await recordEvent(trx, {
        tenantId,
        type: event,
        aggregateType: 'invoice',
        aggregateId: invoice.id,
        payload: {
          entity: toSnapshot(invoice),
          changes: diffSnapshots(before, toSnapshot(invoice)),
        },
        actorId: opts.actorId,
      })
      announceChange(trx, tenantId, 'invoices', invoice.id, event)
      return invoice
    })
  }

  private assertDates(issueDate: DateTime, dueDate: DateTime) {
    if (dueDate < issueDate) {
      throw new BusinessRuleError('The due date cannot be before the issue date', 'dueDate')
    }
  }

  private async assertNumberFree(trx: TransactionClientContract, tenantId: number, number: string) {
    const taken = await Invoice.query({ client: trx })
      .where('tenant_id', tenantId)
      .where('number', number)
      .first()
    if (taken) throw new BusinessRuleError(`Invoice number ${number} is already used`, 'number')
  }

  /**
   * Next INV-<year>-<0001> number of the tenant. The advisory lock serializes numbering per
   * tenant until the transaction ends, so two concurrent creates never pick the same number.
   */
  private async nextNumber(trx: TransactionClientContract, tenantId: number, issueDate: DateTime) {
    await trx.rawQuery('SELECT pg_advisory_xact_lock(?, ?)', [0x1_4e_56, tenantId])
    const prefix = `INV-${issueDate.year}-`
    const result = await trx.rawQuery(
      `SELECT max(substring(number from '[0-9]+$')::int) AS last
         FROM invoices WHERE tenant_id = ? AND number ~ ?`,
      [tenantId, `^${prefix}[0-9]+$`]
    )
    const row = result.rows[0] as { last: number | null } | undefined
    const next = Number(row?.last ?? 0) + 1
    return `${prefix}${String(next).padStart(4, '0')}`
  }

  private async replaceLines(
    trx: TransactionClientContract,
    invoice: Invoice,
    lines: ReturnType<typeof computeInvoiceTotals>['lines']
  ) {
    await InvoiceLine.query({ client: trx }).where('invoice_id', invoice.id).delete()
    await InvoiceLine.createMany(
      lines.map((line) => ({ ...line, tenantId: invoice.tenantId, invoiceId: invoice.id })),
      { client: trx }
    )
  }
}

export const invoiceService = new InvoiceService()
