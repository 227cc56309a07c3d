/**
 * Structured conditions: rules `{ field, operator, value, valueTo }` combined in nested `all` /
 * `any` groups, evaluated by plain code (no eval, no regexes from users). `field` is a path into
 * the ExpressionContext (`invoice.total`, `trigger.entity.status`, `steps.http_1.status`).
 * `value`/`valueTo` may hold `{{ }}` expressions; they are rendered before evaluation.
 * Change operators read the triggering event's `changes` (`trigger.changes.<field>`).
 */
import { Type } from '@sinclair/typebox'
import type { ExpressionContext } from './context.js'
import { renderValue, resolvePath, toDateTime } from './expressions.js'
import type { SchemaIssue } from './schema.js'

export const OPERATORS = {
  equals: { label: 'equals', values: 1, types: ['any'] },
  not_equals: { label: 'does not equal', values: 1, types: ['any'] },
  contains: { label: 'contains', values: 1, types: ['string'] },
  not_contains: { label: 'does not contain', values: 1, types: ['string'] },
  starts_with: { label: 'starts with', values: 1, types: ['string'] },
  ends_with: { label: 'ends with', values: 1, types: ['string'] },
  gt: { label: '>', values: 1, types: ['number'] },
  gte: { label: '≥', values: 1, types: ['number'] },
  lt: { label: '<', values: 1, types: ['number'] },
  lte: { label: '≤', values: 1, types: ['number'] },
  between: { label: 'between', values: 2, types: ['number'] },
  before: { label: 'is before', values: 1, types: ['date'] },
  after: { label: 'is after', values: 1, types: ['date'] },
  on: { label: 'is on (day)', values: 1, types: ['date'] },
  within_last_days: { label: 'within the last N days', values: 1, types: ['date'] },
  within_next_days: { label: 'within the next N days', values: 1, types: ['date'] },
  in: { label: 'is one of', values: 1, types: ['any'] },
  not_in: { label: 'is not one of', values: 1, types: ['any'] },
  includes: { label: 'list includes', values: 1, types: ['list'] },
  not_includes: { label: 'list does not include', values: 1, types: ['list'] },
  is_empty: { label: 'is empty', values: 0, types: ['any'] },
  is_not_empty: { label: 'is not empty', values: 0, types: ['any'] },
  is_true: { label: 'is true', values: 0, types: ['boolean'] },
  is_false: { label: 'is false', values: 0, types: ['boolean'] },
  changed: { label: 'changed', values: 0, types: ['change'] },
  changed_from: { label: 'changed from', values: 1, types: ['change'] },
  changed_to: { label: 'changed to', values: 1, types: ['change'] },
} as const

export type ConditionOperator = keyof typeof OPERATORS

export interface ConditionRule {
  field: string
  operator: ConditionOperator
  value?: unknown
  valueTo?: unknown
  /** String comparisons ignore case unless true. */
  caseSensitive?: boolean
}

export interface ConditionGroup {
  combinator: 'all' | 'any'
  rules: Array<ConditionRule | ConditionGroup>
  negate?: boolean
}

export const MAX_CONDITION_DEPTH = 5

/**
 * Config schema for a condition group. Nested groups are typed loosely here (TypeBox recursion
 * does not survive JSON transport); `validateConditionGroup` checks them precisely.
 */
export const ConditionGroupSchema = Type.Object(
  {
    combinator: Type.Union([Type.Literal('all'), Type.Literal('any')]),
    rules: Type.Array(Type.Record(Type.String(), Type.Unknown())),
    negate: Type.Optional(Type.Boolean()),
  },
  { title: 'Conditions', ui: { widget: 'conditions' } }
)

export function emptyGroup(): ConditionGroup {
  return { combinator: 'all', rules: [] }
}

export function isGroup(value: unknown): value is ConditionGroup {
  return !!value && typeof value === 'object' && Array.isArray((value as ConditionGroup).rules)
}

export function validateConditionGroup(value: unknown, path = '', depth = 1): SchemaIssue[] {
  const at = (suffix: string) => (path ? `${path}.${suffix}` : suffix)
  if (!isGroup(value)) return [{ path, message: 'Conditions must be a group with rules' }]
  const issues: SchemaIssue[] = []
  if (value.combinator !== 'all' && value.combinator !== 'any') {
    issues.push({ path: at('combinator'), message: 'Combinator must be "all" or "any"' })
  }
  if (depth > MAX_CONDITION_DEPTH) {
    return [{ path, message: `Conditions nest deeper than ${MAX_CONDITION_DEPTH} levels` }]
  }
  value.rules.forEach((rule, index) => {
    const rulePath = at(`rules.${index}`)
    if (isGroup(rule)) {
      issues.push(...validateConditionGroup(rule, rulePath, depth + 1))
      return
    }
    if (!rule || typeof rule !== 'object') {
      issues.push({ path: rulePath, message: 'A rule must be an object' })
      return
    }
    const { field, operator } = rule as ConditionRule
    if (typeof field !== 'string' || !field.trim()) {
      issues.push({ path: `${rulePath}.field`, message: 'Field is required' })
    }
    if (typeof operator !== 'string' || !Object.hasOwn(OPERATORS, operator)) {
      issues.push({
        path: `${rulePath}.operator`,
        message: `Unknown operator "${String(operator)}"`,
      })
      return
    }
    const needed = OPERATORS[operator].values
    if (
      needed >= 1 &&
      isBlank((rule as ConditionRule).value) &&
      operator !== 'equals' &&
      operator !== 'not_equals'
    ) {
      issues.push({
        path: `${rulePath}.value`,
        message: `"${OPERATORS[operator].label}" needs a value`,
      })
    }
    if (needed === 2 && isBlank((rule as ConditionRule).valueTo)) {
      issues.push({
        path: `${rulePath}.valueTo`,
        message: `"${OPERATORS[operator].label}" needs a second value`,
      })
    }
  })
  return issues
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === ''
}

function isEmpty(value: unknown): boolean {
  if (isBlank(value)) return true
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === 'string') return value.trim() === ''
  if (typeof value === 'object') return Object.keys(value as object).length === 0
  return false
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value)
    return Number.isFinite(number) ? number : null
  }
  return null
}

function toList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
  }
  return isBlank(value) ? [] : [value]
}

function text(value: unknown, caseSensitive?: boolean): string {
  const string = isBlank(value)
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value)
  return caseSensitive ? string : string.toLowerCase()
}

/** Loose equality: numbers as numbers, booleans as booleans, otherwise text (case-insensitive). */
export function looseEquals(a: unknown, b: unknown, caseSensitive?: boolean): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b)
  const na = toNumber(a)
  const nb = toNumber(b)
  if (na !== null && nb !== null) return na === nb
  if (typeof a === 'boolean' || typeof b === 'boolean') return String(a) === String(b)
  return text(a, caseSensitive) === text(b, caseSensitive)
}

/** `invoice.status` → the `status` entry of trigger.changes (tries shorter suffixes). */
function changeFor(field: string, context: ExpressionContext) {
  const changes = resolvePath(context.trigger, 'changes') as Record<string, unknown> | undefined
  if (!changes || typeof changes !== 'object') return undefined
  const segments = field.split('.')
  for (let i = 0; i < segments.length; i++) {
    const key = segments.slice(i).join('.')
    if (Object.hasOwn(changes, key)) return changes[key] as { from: unknown; to: unknown }
  }
  return undefined
}

function compareDates(actual: unknown, expected: unknown, test: (a: number, b: number) => boolean) {
  const a = toDateTime(actual)
  const b = toDateTime(expected)
  return !!a && !!b && test(a.toMillis(), b.toMillis())
}

export interface EvaluateOptions {
  now?: Date
}

export function evaluateRule(
  rule: ConditionRule,
  context: ExpressionContext,
  options: EvaluateOptions = {}
): boolean {
  const actual = resolvePath(context, rule.field)
  const value = renderValue(rule.value, context)
  const cs = rule.caseSensitive
  const now = options.now ?? new Date()
  switch (rule.operator) {
    case 'equals':
      return looseEquals(actual, value, cs)
    case 'not_equals':
      return !looseEquals(actual, value, cs)
    case 'contains':
      return !isBlank(actual) && text(actual, cs).includes(text(value, cs))
    case 'not_contains':
      return !text(actual, cs).includes(text(value, cs))
    case 'starts_with':
      return !isBlank(actual) && text(actual, cs).startsWith(text(value, cs))
    case 'ends_with':
      return !isBlank(actual) && text(actual, cs).endsWith(text(value, cs))
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const a = toNumber(actual)
      const b = toNumber(value)
      if (a === null || b === null) return false
      if (rule.operator === 'gt') return a > b
      if (rule.operator === 'gte') return a >= b
      if (rule.operator === 'lt') return a < b
      return a <= b
    }
    case 'between': {
      const a = toNumber(actual)
      const low = toNumber(value)
      const high = toNumber(renderValue(rule.valueTo, context))
      return a !== null && low !== null && high !== null && a >= low && a <= high
    }
    case 'before':
      return compareDates(actual, value, (a, b) => a < b)
    case 'after':
      return compareDates(actual, value, (a, b) => a > b)
    case 'on': {
      const a = toDateTime(actual)
      const b = toDateTime(value)
      return !!a && !!b && a.toISODate() === b.setZone(a.zone).toISODate()
    }
    case 'within_last_days':
    case 'within_next_days': {
      const a = toDateTime(actual)
      const days = toNumber(value)
      if (!a || days === null) return false
      const delta = (a.toMillis() - now.getTime()) / 86_400_000
      return rule.operator === 'within_last_days'
        ? delta <= 0 && delta >= -days
        : delta >= 0 && delta <= days
    }
    case 'in':
      return toList(value).some((item) => looseEquals(actual, item, cs))
    case 'not_in':
      return !toList(value).some((item) => looseEquals(actual, item, cs))
    case 'includes':
      return Array.isArray(actual) && actual.some((item) => looseEquals(item, value, cs))
    case 'not_includes':
      return !Array.isArray(actual) || !actual.some((item) => looseEquals(item, value, cs))
    case 'is_empty':
      return isEmpty(actual)
    case 'is_not_empty':
      return !isEmpty(actual)
    case 'is_true':
      return actual === true || actual === 'true' || actual === 1
    case 'is_false':
      return actual === false || actual === 'false' || actual === 0
    case 'changed':
      return changeFor(rule.field, context) !== undefined
    case 'changed_from': {
      const change = changeFor(rule.field, context)
      return !!change && looseEquals(change.from, value, cs)
    }
    case 'changed_to': {
      const change = changeFor(rule.field, context)
      return !!change && looseEquals(change.to, value, cs)
    }
    default:
      return false
  }
}

/** An empty group is true (no filter). */
export function evaluateConditions(
  group: ConditionGroup | null | undefined,
  context: ExpressionContext,
  options: EvaluateOptions = {},
  depth = 1
): boolean {
  if (!group || !Array.isArray(group.rules) || group.rules.length === 0) return !group?.negate
  if (depth > MAX_CONDITION_DEPTH) return false
  const test = (rule: ConditionRule | ConditionGroup) =>
    isGroup(rule)
      ? evaluateConditions(rule, context, options, depth + 1)
      : evaluateRule(rule, context, options)
  const result = group.combinator === 'any' ? group.rules.some(test) : group.rules.every(test)
  return group.negate ? !result : result
}
