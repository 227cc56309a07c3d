import { test } from '@japa/runner'
import {
  evaluateConditions,
  evaluateRule,
  validateConditionGroup,
  type ConditionRule,
} from '#workflows/engine/conditions'
import type { ExpressionContext } from '#workflows/engine/context'

const context: ExpressionContext = {
  trigger: { changes: { status: { from: 'sent', to: 'paid' } } },
  invoice: {
    status: 'paid',
    number: 'INV-2026-7',
    total: 1500,
    dueDate: '2026-01-10',
    tags: ['vip', 'eu'],
    notes: '',
    flag: true,
    off: false,
  },
  steps: {},
  vars: { threshold: 1000 },
}
const now = new Date('2026-01-12T12:00:00Z')
const check = (
  field: string,
  operator: ConditionRule['operator'],
  value?: unknown,
  valueTo?: unknown
) => evaluateRule({ field, operator, value, valueTo }, context, { now })

test.group('Conditions: operators', () => {
  test('equality (case-insensitive by default, numbers as numbers)', ({ assert }) => {
    assert.isTrue(check('invoice.status', 'equals', 'PAID'))
    assert.isFalse(
      evaluateRule(
        { field: 'invoice.status', operator: 'equals', value: 'PAID', caseSensitive: true },
        context
      )
    )
    assert.isTrue(check('invoice.total', 'equals', '1500'))
    assert.isTrue(check('invoice.status', 'not_equals', 'sent'))
  })

  test('strings', ({ assert }) => {
    assert.isTrue(check('invoice.number', 'contains', '2026'))
    assert.isTrue(check('invoice.number', 'not_contains', 'x'))
    assert.isTrue(check('invoice.number', 'starts_with', 'inv-'))
    assert.isTrue(check('invoice.number', 'ends_with', '-7'))
    assert.isFalse(check('invoice.missing', 'starts_with', ''))
  })

  test('numbers, including expression values', ({ assert }) => {
    assert.isTrue(check('invoice.total', 'gt', '{{vars.threshold}}'))
    assert.isTrue(check('invoice.total', 'gte', 1500))
    assert.isFalse(check('invoice.total', 'lt', 1500))
    assert.isTrue(check('invoice.total', 'lte', 1500))
    assert.isTrue(check('invoice.total', 'between', 1000, 2000))
    assert.isFalse(check('invoice.total', 'between', 1600, 2000))
    assert.isFalse(check('invoice.status', 'gt', 1), 'non-numbers never compare')
  })

  test('dates', ({ assert }) => {
    assert.isTrue(check('invoice.dueDate', 'before', '2026-01-11'))
    assert.isTrue(check('invoice.dueDate', 'after', '2026-01-09T23:00:00Z'))
    assert.isTrue(check('invoice.dueDate', 'on', '2026-01-10'))
    assert.isTrue(check('invoice.dueDate', 'within_last_days', 3))
    assert.isFalse(check('invoice.dueDate', 'within_last_days', 1))
    assert.isFalse(check('invoice.dueDate', 'within_next_days', 30))
    assert.isTrue(
      evaluateRule({ field: 'invoice.dueDate', operator: 'within_next_days', value: 30 }, context, {
        now: new Date('2026-01-01T00:00:00Z'),
      })
    )
    assert.isFalse(check('invoice.status', 'before', '2026-01-11'), 'not a date')
  })

  test('lists and emptiness', ({ assert }) => {
    assert.isTrue(check('invoice.status', 'in', ['draft', 'paid']))
    assert.isTrue(check('invoice.status', 'in', 'draft, paid'))
    assert.isTrue(check('invoice.status', 'not_in', ['draft']))
    assert.isTrue(check('invoice.tags', 'includes', 'VIP'))
    assert.isTrue(check('invoice.tags', 'not_includes', 'us'))
    assert.isTrue(check('invoice.notes', 'is_empty'))
    assert.isTrue(check('invoice.missing', 'is_empty'))
    assert.isTrue(check('invoice.tags', 'is_not_empty'))
    assert.isTrue(check('invoice.flag', 'is_true'))
    assert.isTrue(check('invoice.off', 'is_false'))
  })

  test('changed, changed from, changed to (from the event changes)', ({ assert }) => {
    assert.isTrue(check('invoice.status', 'changed'))
    assert.isFalse(check('invoice.total', 'changed'))
    assert.isTrue(check('invoice.status', 'changed_from', 'sent'))
    assert.isTrue(check('trigger.entity.status', 'changed_to', 'paid'))
    assert.isFalse(check('invoice.status', 'changed_to', 'sent'))
  })
})

test.group('Conditions: groups', () => {
  test('all / any / negate / nesting; empty group passes', ({ assert }) => {
    const paid = { field: 'invoice.status', operator: 'equals' as const, value: 'paid' }
    const small = { field: 'invoice.total', operator: 'lt' as const, value: 100 }
    assert.isTrue(evaluateConditions({ combinator: 'any', rules: [paid, small] }, context))
    assert.isFalse(evaluateConditions({ combinator: 'all', rules: [paid, small] }, context))
    assert.isTrue(
      evaluateConditions(
        { combinator: 'all', rules: [paid, { combinator: 'any', rules: [small], negate: true }] },
        context
      )
    )
    assert.isTrue(evaluateConditions({ combinator: 'all', rules: [] }, context))
    assert.isTrue(evaluateConditions(undefined, context))
  })

  test('validation names the broken rule paths and depth', ({ assert }) => {
    let deep: any = { combinator: 'all', rules: [] }
    for (let i = 0; i < 6; i++) deep = { combinator: 'all', rules: [deep] }
    const issues = validateConditionGroup(
      { combinator: 'some', rules: [{ field: 'a', operator: 'between', value: 1 }, deep] },
      'conditions'
    )
    const paths = issues.map((i) => i.path)
    assert.include(paths, 'conditions.combinator')
    assert.include(paths, 'conditions.rules.0.valueTo')
    assert.isTrue(issues.some((i) => /deeper/.test(i.message)))
  })
})
