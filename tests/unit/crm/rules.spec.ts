import { test } from '@japa/runner'
import { computeQuoteTotals } from '#crm/support/quote_totals'
import { leadTransitionError } from '#crm/services/lead_service'

test.group('Quote totals', () => {
  test('sums lines and per-line tax rounded half away from zero', ({ assert }) => {
    const totals = computeQuoteTotals([
      { description: 'A', quantity: 3, unitPrice: 333, taxRateBp: 1950 },
      { description: 'B', quantity: 1, unitPrice: 1000 },
    ])
    // 999 × 19.5 % = 194.805 → 195
    assert.deepEqual(
      totals.lines.map((l) => [l.position, l.lineTotal, l.lineTax]),
      [
        [1, 999, 195],
        [2, 1000, 0],
      ]
    )
    assert.deepEqual(
      { subtotal: totals.subtotal, taxTotal: totals.taxTotal, total: totals.total },
      { subtotal: 1999, taxTotal: 195, total: 2194 }
    )
  })

  test('an empty quote totals zero', ({ assert }) => {
    assert.deepEqual(computeQuoteTotals([]), { lines: [], subtotal: 0, taxTotal: 0, total: 0 })
  })
})

test.group('Lead status transitions', () => {
  test('allows qualification, loss and reopening', ({ assert }) => {
    assert.isNull(leadTransitionError('new', 'qualified'))
    assert.isNull(leadTransitionError('qualified', 'lost'))
    assert.isNull(leadTransitionError('lost', 'new'))
    assert.isNull(leadTransitionError('converted', 'converted'))
  })

  test('refuses conversion by update and any change of a converted lead', ({ assert }) => {
    assert.match(leadTransitionError('new', 'converted')!, /Convert/)
    assert.match(leadTransitionError('converted', 'new')!, /converted/)
  })
})
