/** Integer minor-unit arithmetic shared by the host modules. */

/** Rounds half away from zero, the way invoices are usually rounded. */
export function roundMinor(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value))
}

/** Tax in minor units for an amount and a rate in basis points (2000 = 20 %). */
export function taxFor(amount: number, rateBps: number): number {
  return roundMinor((amount * rateBps) / 10_000)
}

/** Percentage with one decimal, 0 when the base is 0. */
export function percentOf(part: number, whole: number): number {
  if (whole <= 0) return 0
  return Math.round((part / whole) * 1000) / 10
}
