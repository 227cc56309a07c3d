import type Invoice from '#invoicing/models/invoice'
import type InvoiceLine from '#invoicing/models/invoice_line'
import type Payment from '#payments/models/payment'
import type { InvoiceDto, InvoiceLineDto, PaymentDto } from '#invoicing/dto'

export function invoiceDto(invoice: Invoice, accountName: string | null): InvoiceDto {
  return {
    id: invoice.id,
    number: invoice.number,
    accountId: invoice.accountId,
    accountName,
    status: invoice.status,
    currency: invoice.currency,
    issueDate: invoice.issueDate.toISODate()!,
    dueDate: invoice.dueDate.toISODate()!,
    subtotal: invoice.subtotal,
    taxTotal: invoice.taxTotal,
    total: invoice.total,
    amountPaid: invoice.amountPaid,
    balance: invoice.balance,
    notes: invoice.notes,
    sentAt: invoice.sentAt?.toISO() ?? null,
    paidAt: invoice.paidAt?.toISO() ?? null,
    createdAt: invoice.createdAt.toISO()!,
  }
}

export function invoiceLineDto(line: InvoiceLine): InvoiceLineDto {
  return {
    id: line.id,
    position: line.position,
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    taxRateBps: line.taxRateBps,
    subtotal: line.subtotal,
    tax: line.tax,
    total: line.total,
  }
}

export function paymentDto(
  payment: Payment,
  invoiceNumber: string | null,
  accountName: string | null
): PaymentDto {
  return {
    id: payment.id,
    invoiceId: payment.invoiceId,
    invoiceNumber,
    accountName,
    amount: payment.amount,
    currency: payment.currency,
    method: payment.method,
    paidOn: payment.paidOn.toISODate()!,
    reference: payment.reference,
    createdAt: payment.createdAt.toISO()!,
  }
}
