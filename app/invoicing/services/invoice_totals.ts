import { roundMinor, taxFor } from '#finance/support/money'

export interface InvoiceLineInput {
  description: string
  quantity: number
  /** Minor units per unit. */
  unitPrice: number
  /** Basis points (2000 = 20 %); 0 when omitted. */
  taxRateBps?: number | null
}

export interface ComputedLine {
  position: number
  description: string
  quantity: number
  unitPrice: number
  taxRateBps: number
  subtotal: number
  tax: number
  total: number
}

/**
 * Line and invoice totals. Tax is rounded per line (what the customer sees on each line adds up
 * to the invoice total).
 */
export function computeInvoiceTotals(lines: InvoiceLineInput[]) {
  const computed: ComputedLine[] = lines.map((line, index) => {
    const subtotal = roundMinor(line.quantity * line.unitPrice)
    const taxRateBps = line.taxRateBps ?? 0
    const tax = taxFor(subtotal, taxRateBps)
    return {
      position: index + 1,
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      taxRateBps,
      subtotal,
      tax,
      total: subtotal + tax,
    }
  })
  const subtotal = computed.reduce((sum, line) => sum + line.subtotal, 0)
  const taxTotal = computed.reduce((sum, line) => sum + line.tax, 0)
  return { lines: computed, subtotal, taxTotal, total: subtotal + taxTotal }
}
