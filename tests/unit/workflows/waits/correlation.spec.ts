import { test } from '@japa/runner'
import { correlates } from '#workflows/waits/event_waits'

test.group('Wait For Event correlation', () => {
  const event = { aggregateId: '77', payload: { entity: { invoiceId: 42, status: 'paid' } } }

  test('matches a payload path against the rendered value as text', ({ assert }) => {
    assert.isTrue(correlates({ matchField: 'entity.invoiceId', matchValue: '42' }, event))
    assert.isFalse(correlates({ matchField: 'entity.invoiceId', matchValue: '41' }, event))
    assert.isFalse(correlates({ matchField: 'entity.missing', matchValue: '' }, event))
  })

  test('aggregateId and "no field" (any event of the type)', ({ assert }) => {
    assert.isTrue(correlates({ matchField: 'aggregateId', matchValue: '77' }, event))
    assert.isTrue(correlates({ matchField: null, matchValue: null }, event))
  })
})
