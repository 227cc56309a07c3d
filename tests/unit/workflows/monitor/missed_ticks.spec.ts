import { test } from '@japa/runner'
import { missedTicks } from '#workflows/monitoring/triggers_overview'
import { containsMatch, previewOf } from '#workflows/monitoring/json_search'

test.group('Monitor schedules: missed ticks', () => {
  const config = { cron: '0 * * * *', timezone: 'UTC' }
  const from = new Date('2026-11-29T06:30:00Z')
  const to = new Date('2026-11-29T10:10:00Z')

  test('every expected tick without a run is missed', ({ assert }) => {
    const missed = missedTicks(config, from, to, [])
    assert.deepEqual(
      missed.map((d) => d.toISOString()),
      [
        '2026-11-29T07:00:00.000Z',
        '2026-11-29T08:00:00.000Z',
        '2026-11-29T09:00:00.000Z',
        '2026-11-29T10:00:00.000Z',
      ]
    )
  })

  test('a run matches its tick by trigger key or by starting shortly after it', ({ assert }) => {
    const missed = missedTicks(config, from, to, [
      { triggerKey: 'tick:2026-11-29T07:00:00.000Z', createdAt: new Date('2026-11-29T07:30:00Z') },
      { triggerKey: null, createdAt: new Date('2026-11-29T09:00:40Z') },
      // Too late to count for 10:00 (tolerance is two minutes).
      { triggerKey: null, createdAt: new Date('2026-11-29T10:05:00Z') },
    ])
    assert.deepEqual(
      missed.map((d) => d.toISOString()),
      ['2026-11-29T08:00:00.000Z', '2026-11-29T10:00:00.000Z']
    )
  })
})

test.group('Monitor JSON search', () => {
  test('finds keys and scalar values at any depth, case-insensitively', ({ assert }) => {
    const value = { invoice: { lines: [{ sku: 'ABC-1', qty: 3 }] }, customer: 'Globex' }
    assert.isTrue(containsMatch(value, 'abc-1'))
    assert.isTrue(containsMatch(value, 'sku'))
    assert.isTrue(containsMatch(value, 'glob'))
    assert.isFalse(containsMatch(value, 'initech'))
    assert.equal(previewOf(value.invoice.lines), '[1 item]')
    assert.equal(previewOf({ a: 1, b: 2, c: 3, d: 4, e: 5 }), '{a, b, c, d, …}')
  })
})
