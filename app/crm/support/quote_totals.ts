/**
 * Quote arithmetic, pure so the quote form can show the same totals the server stores.
 * Amounts are integer minor units; tax rates are basis points (2000 = 20 %); each line's tax is
 * rounded half away from zero, then summed.
 */
export interface QuoteLineInput {
  description: string
  quantity: number
  unitPrice: number
  taxRateBp?: number
}

export interface ComputedQuoteLine extends Required<QuoteLineInput> {
  position: number
  lineTotal: number
  lineTax: number
}

export interface QuoteTotals {
  lines: ComputedQuoteLine[]
  subtotal: number
  taxTotal: number
  total: number
}

export function computeQuoteTotals(lines: QuoteLineInput[]): QuoteTotals {
  const computed = lines.map((line, index) => {
    const taxRateBp = line.taxRateBp ?? 0
    const lineTotal = line.quantity * line.unitPrice
    const lineTax = Math.sign(lineTotal) * Math.round(Math.abs(lineTotal * taxRateBp) / 10_000)
    return { ...line, taxRateBp, position: index + 1, lineTotal, lineTax }
  })
  const subtotal = computed.reduce((sum, line) => sum + line.lineTotal, 0)
  const taxTotal = computed.reduce((sum, line) => sum + line.lineTax, 0)
  return { lines: computed, subtotal, taxTotal, total: subtotal + taxTotal }
}
