import type { DocumentDto } from '#documents/dto'

/**
 * What invoice and payment pages and JSON endpoints return. Pure types (the Vue pages import
 * them too); money in minor units, dates as 'YYYY-MM-DD', timestamps as ISO strings.
 */

export type InvoiceLineDto = {
  id: number
  position: number
  description: string
  quantity: number
  unitPrice: number
  taxRateBps: number
  subtotal: number
  tax: number
  total: number
}

export type InvoiceDto = {
  id: number
  number: string
  accountId: number
  accountName: string | null
  status: string
  currency: string
  issueDate: string
  dueDate: string
  subtotal: number
  taxTotal: number
  total: number
  amountPaid: number
  balance: number
  notes: string | null
  sentAt: string | null
  paidAt: string | null
  createdAt: string
}

export type PaymentDto = {
  id: number
  invoiceId: number
  invoiceNumber: string | null
  accountName: string | null
  amount: number
  currency: string
  method: string
  paidOn: string
  reference: string | null
  createdAt: string
}

export type InvoiceDetailDto = InvoiceDto & {
  lines: InvoiceLineDto[]
  payments: PaymentDto[]
  /** Documents attached to the invoice (owner 'invoice'). */
  documents: DocumentDto[]
}

export type PayableInvoiceDto = {
  id: number
  number: string
  currency: string
  balance: number
  dueDate: string
  status: string
  accountName: string | null
}
