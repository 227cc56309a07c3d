import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { computeInvoiceTotals } from '#invoicing/services/invoice_totals'
import { percentOf, roundMinor, taxFor } from '#finance/support/money'
import { todayIn, toDate } from '#finance/support/dates'

test.group('Invoicing | totals', () => {
  test('computes line and invoice totals with tax rounded per line', ({ assert }) => {
    const totals = computeInvoiceTotals([
      { description: 'A', quantity: 3, unitPrice: 333, taxRateBps: 1900 },
      { description: 'B', quantity: 0.5, unitPrice: 1001 },
    ])
    assert.deepEqual(
      totals.lines.map((line) => [line.position, line.subtotal, line.tax, line.total]),
      [
        [1, 999, 190, 1189],
        [2, 501, 0, 501],
      ]
    )
    assert.deepEqual(
      { subtotal: totals.subtotal, taxTotal: totals.taxTotal, total: totals.total },
      { subtotal: 1500, taxTotal: 190, total: 1690 }
    )
  })

  test('money helpers round half away from zero', ({ assert }) => {
    assert.equal(roundMinor(2.5), 3)
    assert.equal(roundMinor(-2.5), -3)
    assert.equal(taxFor(1005, 1000), 101)
    assert.equal(percentOf(930, 1000), 93)
    assert.equal(percentOf(1, 3), 33.3)
    assert.equal(percentOf(5, 0), 0)
  })

  test("dates: a tenant's today depends on its time zone", ({ assert }) => {
    const now = DateTime.fromISO('2026-02-09T23:30:00Z')
    assert.equal(todayIn('UTC', now).toISODate(), '2026-02-09')
    assert.equal(todayIn('Europe/Berlin', now).toISODate(), '2026-02-10')
    assert.equal(todayIn('America/New_York', now).toISODate(), '2026-02-09')
    assert.equal(toDate('2026-03-01T22:00:00Z').toISODate(), '2026-03-01')
    assert.equal(toDate(new Date(2026, 2, 1)).toISODate(), '2026-03-01')
    assert.throws(() => toDate('not a date'), /Invalid date/)
  })
})
