/**
 * Expressions: handlebars `{{ }}` inside string config fields, rendered against an
 * ExpressionContext (engine/context.ts): `{{trigger.entity.number}}`, `{{invoice.number}}`,
 * `{{steps.http_1.body.id}}`, `{{vars.region}}`, `{{loop.item.email}}`.
 *
 * Safety: an isolated handlebars environment with a fixed set of pure helpers, no HTML escaping
 * (these are text fields), prototype properties/methods never readable (handlebars' own runtime
 * guard plus own-property path lookups here). Templates are compiled once and cached.
 * A string that is exactly one `{{path}}` renders to the raw value (a list stays a list, a number
 * stays a number), so `items: "{{steps.fetch.body.rows}}"` feeds a loop.
 */
import Handlebars from 'handlebars'
import { DateTime } from 'luxon'
import type { ExpressionContext } from './context.js'

const handlebars = Handlebars.create()
const cache = new Map<string, Handlebars.TemplateDelegate>()
const CACHE_LIMIT = 2000
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor'])

/** Reads a dotted path (`a.b.0.c` or `a.b[0].c`) through own properties only. */
export function resolvePath(root: unknown, path: string): unknown {
  const segments = path
    .trim()
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
  let current: unknown = root
  for (const segment of segments) {
    if (FORBIDDEN.has(segment)) return undefined
    if (current === null || current === undefined) return undefined
    if (typeof current !== 'object' && typeof current !== 'string') return undefined
    if (typeof current === 'string') {
      if (segment !== 'length') return undefined
      return current.length
    }
    if (Array.isArray(current) && segment === 'length') return current.length
    if (!Object.hasOwn(current as object, segment)) return undefined
    current = (current as Record<string, unknown>)[segment]
  }
  return current
}

export function toDateTime(value: unknown, zone?: string): DateTime | null {
  let date: DateTime | null = null
  if (value instanceof Date) date = DateTime.fromJSDate(value)
  else if (typeof value === 'number') date = DateTime.fromMillis(value)
  else if (typeof value === 'string' && value.trim()) {
    date = DateTime.fromISO(value.trim(), { setZone: true })
    if (!date.isValid) date = DateTime.fromRFC2822(value.trim())
    if (!date.isValid) date = DateTime.fromSQL(value.trim())
  } else if (value && typeof value === 'object' && DateTime.isDateTime(value)) date = value
  if (!date || !date.isValid) return null
  return zone ? date.setZone(zone) : date
}

/** Formats integer minor units: money(12345, 'EUR') → '€123.45'. */
export function formatMoney(amountMinor: unknown, currency = 'EUR', locale = 'en-US'): string {
  const amount = Number(amountMinor)
  if (!Number.isFinite(amount)) return ''
  try {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency })
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2
    return format.format(amount / 10 ** digits)
  } catch {
    return `${(amount / 100).toFixed(2)} ${currency}`
  }
}

type HelperOptions = { hash?: Record<string, unknown> }
const args = (list: unknown[]) => list.slice(0, -1)
const opts = (list: unknown[]) => (list[list.length - 1] ?? {}) as HelperOptions

handlebars.registerHelper('formatDate', (...list: unknown[]) => {
  const [value, format] = args(list)
  const zone = opts(list).hash?.zone
  const date = toDateTime(value, typeof zone === 'string' ? zone : undefined)
  if (!date) return ''
  return typeof format === 'string' ? date.toFormat(format) : date.toISODate()
})
handlebars.registerHelper('money', (...list: unknown[]) => {
  const [amount, currency] = args(list)
  const locale = opts(list).hash?.locale
  return formatMoney(
    amount,
    typeof currency === 'string' ? currency : 'EUR',
    typeof locale === 'string' ? locale : 'en-US'
  )
})
handlebars.registerHelper('default', (...list: unknown[]) => {
  const values = args(list)
  return values.find((value) => value !== undefined && value !== null && value !== '') ?? ''
})
handlebars.registerHelper('json', (...list: unknown[]) => JSON.stringify(args(list)[0] ?? null))
handlebars.registerHelper('upper', (...list: unknown[]) =>
  String(args(list)[0] ?? '').toUpperCase()
)
handlebars.registerHelper('lower', (...list: unknown[]) =>
  String(args(list)[0] ?? '').toLowerCase()
)
handlebars.registerHelper('trim', (...list: unknown[]) => String(args(list)[0] ?? '').trim())
handlebars.registerHelper('truncate', (...list: unknown[]) => {
  const [value, length] = args(list)
  const text = String(value ?? '')
  const max = Number(length) || 100
  return text.length > max ? `${text.slice(0, max)}…` : text
})
handlebars.registerHelper('join', (...list: unknown[]) => {
  const [value, separator] = args(list)
  return Array.isArray(value) ? value.join(typeof separator === 'string' ? separator : ', ') : ''
})
handlebars.registerHelper('length', (...list: unknown[]) => {
  const [value] = args(list)
  if (Array.isArray(value) || typeof value === 'string') return value.length
  return value && typeof value === 'object' ? Object.keys(value).length : 0
})
handlebars.registerHelper('number', (...list: unknown[]) => {
  const [value, digits] = args(list)
  const number = Number(value)
  if (!Number.isFinite(number)) return ''
  return typeof digits === 'number' ? number.toFixed(digits) : String(number)
})
handlebars.registerHelper('eq', (...list: unknown[]) => args(list)[0] === args(list)[1])
handlebars.registerHelper('ne', (...list: unknown[]) => args(list)[0] !== args(list)[1])
handlebars.registerHelper(
  'gt',
  (...list: unknown[]) => Number(args(list)[0]) > Number(args(list)[1])
)
handlebars.registerHelper(
  'lt',
  (...list: unknown[]) => Number(args(list)[0]) < Number(args(list)[1])
)
handlebars.registerHelper('and', (...list: unknown[]) => args(list).every(Boolean))
handlebars.registerHelper('or', (...list: unknown[]) => args(list).some(Boolean))
handlebars.registerHelper('not', (...list: unknown[]) => !args(list)[0])

export const EXPRESSION_HELPERS = [
  {
    name: 'formatDate',
    example: "{{formatDate invoice.dueDate 'dd LLL yyyy' zone='Europe/Paris'}}",
  },
  { name: 'money', example: '{{money invoice.totalMinor invoice.currency}}' },
  { name: 'default', example: "{{default lead.company 'unknown'}}" },
  { name: 'json', example: '{{json steps.http_1.body}}' },
  { name: 'upper', example: '{{upper lead.name}}' },
  { name: 'lower', example: '{{lower lead.email}}' },
  { name: 'trim', example: '{{trim lead.name}}' },
  { name: 'truncate', example: '{{truncate deal.notes 80}}' },
  { name: 'join', example: "{{join vars.tags ', '}}" },
  { name: 'length', example: '{{length steps.fetch.items}}' },
  { name: 'number', example: '{{number deal.probability 2}}' },
  {
    name: 'eq / ne / gt / lt / and / or / not',
    example: '{{#if (gt deal.amount 1000)}}big{{/if}}',
  },
]

function compiled(template: string): Handlebars.TemplateDelegate {
  let delegate = cache.get(template)
  if (!delegate) {
    if (cache.size >= CACHE_LIMIT) cache.clear()
    delegate = handlebars.compile(template, { noEscape: true, strict: false })
    cache.set(template, delegate)
  }
  return delegate
}

export function hasExpression(value: unknown): value is string {
  return typeof value === 'string' && value.includes('{{')
}

/**
 * `{{path}}` with a plain dotted path (`trigger.entity.number`, `steps.http_1.body`): the form
 * almost every template uses. Not next to another brace (`{{{a}}` is a parse error), and not a
 * word handlebars reads as a keyword or literal.
 */
const PLAIN_MUSTACHE =
  /(?<!\{)\{\{\s*(?!(?:else|true|false|null|undefined)\s*\}\})[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*)*\s*\}\}(?!\})/g

/**
 * Whether `template` is text plus plain `{{path}}` mustaches only, so well formed without running
 * the handlebars parser (about 0.3 ms a template; 500-node workflows hold hundreds of them).
 * `false` means "parse it", not "invalid". Backslashes (escaped mustaches) always go to the parser.
 */
export function isPlainTemplate(template: string): boolean {
  if (template.includes('\\')) return false
  return !template.replace(PLAIN_MUSTACHE, '').includes('{{')
}

const checkedTemplates = new Map<string, string | null>()

/** Parse error message of a template, or null when it is well formed. */
export function checkTemplate(template: string): string | null {
  if (isPlainTemplate(template)) return null
  // Workflows repeat templates (one per node of a kind); the parser's verdict never changes.
  const known = checkedTemplates.get(template)
  if (known !== undefined) return known
  let verdict: string | null = null
  try {
    handlebars.parse(template)
  } catch (error) {
    verdict = (error as Error).message.split('\n')[0]
  }
  if (checkedTemplates.size >= CACHE_LIMIT) checkedTemplates.clear()
  checkedTemplates.set(template, verdict)
  return verdict
}

export class ExpressionError extends Error {}

export function renderTemplate(template: string, context: ExpressionContext): string {
  if (!hasExpression(template)) return template
  try {
    return compiled(template)(context, {
      allowProtoPropertiesByDefault: false,
      allowProtoMethodsByDefault: false,
    })
  } catch (error) {
    throw new ExpressionError(`Expression "${template}" failed: ${(error as Error).message}`)
  }
}

const SINGLE = /^\s*\{\{\s*([A-Za-z_$][\w$]*(?:(?:\.[\w$-]+)|(?:\[\d+\]))*)\s*\}\}\s*$/

/** Renders strings (deeply inside arrays/objects); `"{{path}}"` alone keeps the raw value. */
export function renderValue(value: unknown, context: ExpressionContext): unknown {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return value
    const single = SINGLE.exec(value)
    if (single) {
      const raw = resolvePath(context, single[1])
      return raw === undefined ? '' : raw
    }
    return renderTemplate(value, context)
  }
  if (Array.isArray(value)) return value.map((item) => renderValue(item, context))
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) result[key] = renderValue(item, context)
    return result
  }
  return value
}

export function renderConfig<C extends Record<string, unknown>>(
  config: C,
  context: ExpressionContext
): C {
  return renderValue(config, context) as C
}

/** Every template string inside a config, with its dotted path (for validation). */
export function templateStrings(
  value: unknown,
  path = ''
): Array<{ path: string; template: string }> {
  if (hasExpression(value)) return [{ path, template: value }]
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      templateStrings(item, path ? `${path}.${index}` : `${index}`)
    )
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      templateStrings(item, path ? `${path}.${key}` : key)
    )
  }
  return []
}
