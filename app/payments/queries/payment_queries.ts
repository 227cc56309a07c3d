import db from '@adonisjs/lucid/services/db'
import Payment, { PAYMENT_METHODS } from '#payments/models/payment'
import Invoice, { OPEN_STATUSES } from '#invoicing/models/invoice'
import { accountNames, CRM_ACCOUNTS_TABLE } from '#finance/support/crm_accounts'
import { pageOf, type ListQuery } from '#finance/support/http'
import { paymentDto } from '#invoicing/transformers'
import type { PayableInvoiceDto, PaymentDto } from '#invoicing/dto'

export const paymentQueries = {
  /** Payments with their invoice number and customer; `status` filters by method. */
  async list(tenantId: number, query: ListQuery) {
    const paginator = await Payment.query()
      .where('tenant_id', tenantId)
      .if(PAYMENT_METHODS.includes(query.status as never), (q) => q.where('method', query.status))
      .if(query.search, (q) =>
        q.where((inner) =>
          inner.whereILike('reference', `%${query.search}%`).orWhereIn(
            'invoice_id',
            db
              .from('invoices')
              .where('tenant_id', tenantId)
              .where((match) =>
                match
                  .whereILike('number', `%${query.search}%`)
                  .orWhereIn(
                    'account_id',
                    db
                      .from(CRM_ACCOUNTS_TABLE)
                      .where('tenant_id', tenantId)
                      .whereILike('name', `%${query.search}%`)
                      .select('id')
                  )
              )
              .select('id')
          )
        )
      )
      .preload('invoice')
      .orderBy(query.sort === 'amount' ? 'amount' : 'paid_on', query.order)
      .orderBy('id', 'desc')
      .paginate(query.page, query.perPage)
    const names = await accountNames(
      tenantId,
      paginator.all().map((payment) => payment.invoice.accountId)
    )
    return pageOf(paginator, (payment) =>
      paymentDto(payment, payment.invoice.number, names.get(payment.invoice.accountId) ?? null)
    )
  },

  async detail(payment: Payment): Promise<PaymentDto> {
    await payment.load('invoice')
    const names = await accountNames(payment.tenantId, [payment.invoice.accountId])
    return paymentDto(payment, payment.invoice.number, names.get(payment.invoice.accountId) ?? null)
  },

  /** Invoices that can receive a payment, for the payment form's picker. */
  async payableInvoices(tenantId: number): Promise<PayableInvoiceDto[]> {
    const invoices = await Invoice.query()
      .where('tenant_id', tenantId)
      .whereIn('status', OPEN_STATUSES)
      .orderBy('due_date')
      .limit(500)
    const names = await accountNames(
      tenantId,
      invoices.map((invoice) => invoice.accountId)
    )
    return invoices.map((invoice) => ({
      id: invoice.id,
      number: invoice.number,
      currency: invoice.currency,
      balance: invoice.balance,
      dueDate: invoice.dueDate.toISODate()!,
      status: invoice.status,
      accountName: names.get(invoice.accountId) ?? null,
    }))
  },
}
