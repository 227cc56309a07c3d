import { test } from '@japa/runner'
import { age, pointInTime, progressBar, truncate } from '#workflows/reliability/dlq_format'
import { groupKey } from '#workflows/reliability/concurrency'

test.group('Reliability helpers', () => {
  test('progress bar, ages and truncation for the ace tables', ({ assert }) => {
    assert.equal(progressBar(0, 4, 8), '[░░░░░░░░] 0/4 0%')
    assert.equal(progressBar(2, 4, 8), '[████░░░░] 2/4 50%')
    assert.equal(progressBar(4, 4, 8), '[████████] 4/4 100%')
    assert.equal(progressBar(0, 0, 4), '[████] 0/0 100%')
    const now = Date.parse('2026-11-29T12:00:00Z')
    assert.equal(age(new Date(now - 30_000), now), '30s')
    assert.equal(age(new Date(now - 5 * 60_000), now), '5m')
    assert.equal(age(new Date(now - 3 * 3600_000), now), '3h')
    assert.equal(age(new Date(now - 2 * 86_400_000), now), '2d')
    assert.equal(truncate('a  long\nmessage', 8), 'a long …')
  })

  test('--since / --older-than accept durations and ISO dates', ({ assert }) => {
    const now = Date.parse('2026-11-29T12:00:00Z')
    assert.equal(pointInTime('7d', now)?.toISOString(), '2026-11-22T12:00:00.000Z')
    assert.equal(pointInTime('12h', now)?.toISOString(), '2026-11-29T00:00:00.000Z')
    assert.equal(pointInTime('2026-01-01', now)?.toISOString(), '2026-01-01T00:00:00.000Z')
    assert.isNull(pointInTime('soon', now))
    assert.isNull(pointInTime('0s', now))
  })

  test('concurrency groups: the workflow, or the workflow plus the rendered key', ({ assert }) => {
    assert.equal(groupKey(7, null, { dealId: 3 }), '7')
    assert.equal(groupKey(7, '{{trigger.dealId}}', { dealId: 3 }), '7|3')
    // A stored domain event exposes its entity under its type.
    const event = { aggregateType: 'deal', payload: { entity: { id: 42 } } }
    assert.equal(groupKey(7, '{{deal.id}}', event), '7|42')
    // A normalised trigger output ({ entityType, entity }) too.
    assert.equal(groupKey(7, '{{invoice.id}}', { entityType: 'invoice', entity: { id: 9 } }), '7|9')
  })
})
