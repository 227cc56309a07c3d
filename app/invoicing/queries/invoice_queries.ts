import Invoice, { INVOICE_STATUSES } from '#invoicing/models/invoice'
import Payment from '#payments/models/payment'
import db from '@adonisjs/lucid/services/db'
import { accountNames, CRM_ACCOUNTS_TABLE } from '#finance/support/crm_accounts'
import { pageOf, type ListQuery } from '#finance/support/http'
import { invoiceDto, invoiceLineDto, paymentDto } from '#invoicing/transformers'
import type { InvoiceDetailDto } from '#invoicing/dto'
import { documentQueries } from '#documents/queries/document_queries'

const SORTABLE: Record<string, string> = {
  number: 'number',
  issueDate: 'issue_date',
  dueDate: 'due_date',
  total: 'total',
  status: 'status',
}

/** Read side of the invoice pages and JSON endpoints. */
export const invoiceQueries = {
  async list(tenantId: number, query: ListQuery) {
    const paginator = await Invoice.query()
      .where('invoices.tenant_id', tenantId)
      .if(INVOICE_STATUSES.includes(query.status as never), (q) => q.where('status', query.status))
      .if(query.search, (q) =>
        q.where((inner) =>
          inner
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
      )
      .orderBy(SORTABLE[query.sort] ?? 'issue_date', query.order)
      .orderBy('id', 'desc')
      .paginate(query.page, query.perPage)
    const names = await accountNames(
      tenantId,
      paginator.all().map((invoice) => invoice.accountId)
    )
    return pageOf(paginator, (invoice) => invoiceDto(invoice, names.get(invoice.accountId) ?? null))
  },

  async detail(invoice: Invoice): Promise<InvoiceDetailDto> {
    await invoice.load('lines', (q) => q.orderBy('position'))
    const payments = await Payment.query()
      .where('tenant_id', invoice.tenantId)
      .where('invoice_id', invoice.id)
      .orderBy('paid_on', 'desc')
      .orderBy('id', 'desc')
    const names = await accountNames(invoice.tenantId, [invoice.accountId])
    const accountName = names.get(invoice.accountId) ?? null
    return {
      ...invoiceDto(invoice, accountName),
      lines: invoice.lines.map(invoiceLineDto),
      payments: payments.map((payment) => paymentDto(payment, invoice.number, accountName)),
      documents: await documentQueries.ownedBy(invoice.tenantId, 'invoice', invoice.id),
    }
  },

  async statusCounts(tenantId: number): Promise<Record<string, number>> {
    const rows = await db
      .from('invoices')
      .where('tenant_id', tenantId)
      .groupBy('status')
      .select('status')
      .count('* as total')
    return Object.fromEntries(
      rows.map((row: { status: string; total: string | number }) => [row.status, Number(row.total)])
    )
  },
}
