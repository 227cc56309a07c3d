import { DateTime } from 'luxon'
import { recordEvent } from '#core/events/outbox'
import { announceChange } from '#finance/support/realtime'
import Payment, { type PaymentMethod } from '#payments/models/payment'
import { invoiceService } from '#invoicing/services/invoice_service'
import { BusinessRuleError } from '#finance/support/business_error'
import { diffSnapshots, toSnapshot } from '#core/events/snapshot'
import { tenantToday, toDate, type DateInput } from '#finance/support/dates'
import {
  findByIdempotencyKey,
  inTransaction,
  type ServiceOptions,
} from '#finance/support/transactions'
import { definedOnly } from '#finance/support/changes'
import { recordUpdated } from '#finance/support/events'

export interface RecordPaymentInput {
  invoiceId: number
  /** Minor units of the invoice's currency. */
  amount: number
  /** Must equal the invoice's currency when given. */
  currency?: string | null
  method?: PaymentMethod | null
  paidOn?: DateInput | null
  reference?: string | null
}

/**
 * Recording a payment applies it to its invoice in the same transaction: the invoice's paid
 * amount and status move with it (partially_paid, or paid when nothing is left to pay).
 */
export class PaymentService {
  async record(tenantId: number, input: RecordPaymentInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const existing = await findByIdempotencyKey(Payment, trx, tenantId, opts.idempotencyKey)
      if (existing) return existing

      const invoice = await invoiceService.lock(trx, tenantId, input.invoiceId).catch(() => {
        throw new BusinessRuleError('The selected invoice does not exist', 'invoiceId')
      })
      if (invoice.status === 'void') {
        throw new BusinessRuleError(`Invoice ${invoice.number} is void and cannot be paid`)
      }
      if (invoice.status === 'draft') {
        throw new BusinessRuleError(
          `Invoice ${invoice.number} is a draft: send it before recording payments`
        )
      }
      if (invoice.status === 'paid') {
        throw new BusinessRuleError(`Invoice ${invoice.number} is already paid`)
      }
      if (input.currency && input.currency.toUpperCase() !== invoice.currency) {
        throw new BusinessRuleError(
          `The payment currency must be the invoice currency (${invoice.currency})`,
          'currency'
        )
      }
      if (!Number.isInteger(input.amount) || input.amount <= 0) {
        throw new BusinessRuleError('The amount must be a positive number of minor units', 'amount')
      }
      if (input.amount > invoice.balance) {
        throw new BusinessRuleError(
          `The amount exceeds the open balance of invoice ${invoice.number}`,
          'amount'
        )
      }

      const payment = await Payment.create(
        {
          tenantId,
          invoiceId: invoice.id,
          amount: input.amount,
          currency: invoice.currency,
          method: input.method ?? 'bank_transfer',
          paidOn: input.paidOn ? toDate(input.paidOn) : await tenantToday(trx, tenantId),
          reference: input.reference ?? null,
          idempotencyKey: opts.idempotencyKey ?? null,
          createdBy: opts.actorId ?? null,
        },
        { client: trx }
      )
      await recordEvent(trx, {
        tenantId,
        type: 'payment.received',
        aggregateType: 'payment',
        aggregateId: payment.id,
        payload: { entity: toSnapshot(payment) },
        actorId: opts.actorId,
      })

      await invoiceService.loadWithLines(invoice, trx)
      const before = toSnapshot(invoice)
      invoice.amountPaid += input.amount
      const fullyPaid = invoice.amountPaid >= invoice.total
      if (fullyPaid) {
        invoice.merge({ status: 'paid', paidAt: DateTime.now() })
      } else if (invoice.status === 'sent') {
        // An overdue invoice stays overdue until it is fully paid.
        invoice.status = 'partially_paid'
      }
      await invoice.useTransaction(trx).save()
      announceChange(trx, tenantId, 'invoices', invoice.id, 'payment.received')
      if (fullyPaid) {
        await recordEvent(trx, {
          tenantId,
          type: 'invoice.paid',
          aggregateType: 'invoice',
          aggregateId: invoice.id,
          payload: {
            entity: toSnapshot(invoice),
            changes: diffSnapshots(before, toSnapshot(invoice)),
          },
          actorId: opts.actorId,
        })
      }
      return payment
    })
  }

  /**
   * Corrects the details of a recorded payment (method, date, reference). The amount is not
   * editable: money already applied to an invoice is corrected by the accountant, not silently.
   */
  async update(
    tenantId: number,
    id: number,
    input: Pick<RecordPaymentInput, 'method' | 'paidOn' | 'reference'>,
    opts: ServiceOptions = {}
  ) {
    return inTransaction(opts.trx, async (trx) => {
      const payment = await Payment.query({ client: trx })
        .where('tenant_id', tenantId)
        .where('id', id)
        .forUpdate()
        .firstOrFail()
      const before = toSnapshot(payment)
      payment.merge(
        definedOnly({
          method: input.method ?? undefined,
          paidOn: input.paidOn ? toDate(input.paidOn) : undefined,
          reference: input.reference,
        })
      )
      await payment.useTransaction(trx).save()
      if (await recordUpdated(trx, 'payment.updated', 'payment', payment, before, opts.actorId)) {
        announceChange(trx, tenantId, 'invoices', payment.invoiceId, 'payment.updated')
      }
      return payment
    })
  }
}

export const paymentService = new PaymentService()
