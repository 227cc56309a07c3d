/**
 * Node config schemas travel to the browser as JSON, which drops TypeBox's `Kind` symbols that
 * `Value.Check`/`Value.Errors` dispatch on. `hydrateSchema` puts them back from the JSON Schema
 * keywords (the subset node schemas use: string/number/integer/boolean/null, object, record via
 * patternProperties, array, anyOf, const), so the builder validates configs exactly like the server.
 */
import { FormatRegistry, Kind, type TSchema } from '@sinclair/typebox'
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value'
import { Cron } from 'croner'
import { parseDuration } from './duration.js'

/** String formats node schemas use (`Type.String({ format: 'cron' })`). */
export function isValidCron(value: string): boolean {
  try {
    new Cron(value, { paused: true })
    return true
  } catch {
    return false
  }
}

export function isValidTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value })
    return true
  } catch {
    return false
  }
}

if (!FormatRegistry.Has('cron')) FormatRegistry.Set('cron', isValidCron)
if (!FormatRegistry.Has('timezone')) FormatRegistry.Set('timezone', isValidTimeZone)
if (!FormatRegistry.Has('duration')) {
  FormatRegistry.Set('duration', (value) => value.includes('{{') || parseDuration(value) !== null)
}

const hydrated = new WeakMap<object, TSchema>()

export function hydrateSchema(schema: unknown): TSchema {
  if (!schema || typeof schema !== 'object') return { [Kind]: 'Unknown' } as TSchema
  if ((schema as Record<symbol, unknown>)[Kind]) return schema as TSchema
  const cached = hydrated.get(schema)
  if (cached) return cached
  const source = schema as Record<string, any>
  const copy: Record<string | symbol, any> = { ...source }
  if (Array.isArray(source.anyOf)) {
    copy[Kind] = 'Union'
    copy.anyOf = source.anyOf.map(hydrateSchema)
  } else if ('const' in source) {
    copy[Kind] = 'Literal'
  } else {
    switch (source.type) {
      case 'string':
        copy[Kind] = 'String'
        break
      case 'number':
        copy[Kind] = 'Number'
        break
      case 'integer':
        copy[Kind] = 'Integer'
        break
      case 'boolean':
        copy[Kind] = 'Boolean'
        break
      case 'null':
        copy[Kind] = 'Null'
        break
      case 'array':
        copy[Kind] = 'Array'
        copy.items = hydrateSchema(source.items)
        break
      case 'object':
        if (source.patternProperties) {
          copy[Kind] = 'Record'
          copy.patternProperties = Object.fromEntries(
            Object.entries(source.patternProperties).map(([k, v]) => [k, hydrateSchema(v)])
          )
        } else {
          copy[Kind] = 'Object'
          copy.properties = Object.fromEntries(
            Object.entries(source.properties ?? {}).map(([k, v]) => [k, hydrateSchema(v)])
          )
        }
        break
      default:
        copy[Kind] = 'Unknown'
    }
  }
  hydrated.set(schema, copy as TSchema)
  return copy as TSchema
}

function article(type: string): string {
  const names: Record<string, string> = {
    array: 'a list',
    object: 'an object',
    integer: 'a whole number',
  }
  return names[type] ?? `a ${type}`
}

function listOf(values: unknown[]): string {
  const shown = values.slice(0, 8).join(', ')
  return values.length > 8 ? `${shown}, … (${values.length} options)` : shown
}

export interface SchemaIssue {
  /** Dotted path inside the checked value, '' for the value itself. */
  path: string
  message: string
}

/** The field's title; inside lists "Roles item 2"; unknown keys fall back to the nearest title. */
function titleAt(schema: TSchema, path: string[]): string | undefined {
  let current: any = schema
  let title: string | undefined
  for (const segment of path) {
    if (current?.properties?.[segment]) {
      current = current.properties[segment]
      title = current.title ?? title
    } else if (current?.items && /^\d+$/.test(segment)) {
      current = current.items
      title = current.title ?? (title ? `${title} item ${Number(segment) + 1}` : undefined)
    } else {
      return title ? `${title} "${segment}"` : undefined
    }
  }
  return title
}

function valueAt(value: unknown, path: string[]): unknown {
  let current: any = value
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = Object.hasOwn(current, segment) ? current[segment] : undefined
  }
  return current
}

/**
 * Checks a value against a (possibly JSON-transported) schema. Strings holding `{{ }}` expressions
 * are accepted wherever the schema wants another type: they are only known at run time.
 */
export function checkAgainstSchema(schemaJson: unknown, value: unknown, limit = 20): SchemaIssue[] {
  const schema = hydrateSchema(schemaJson)
  if (Value.Check(schema, value)) return []
  const issues: SchemaIssue[] = []
  const seen = new Set<string>()
  for (const error of Value.Errors(schema, value)) {
    const segments = error.path.split('/').filter(Boolean)
    const path = segments.join('.')
    if (seen.has(path)) continue
    const actual = valueAt(value, segments)
    if (typeof actual === 'string' && actual.includes('{{')) continue
    // A union reports one error per member at the same path; the first is the useful one.
    seen.add(path)
    const title = titleAt(schema, segments) ?? (path || 'value')
    const message = describeError(error, title, actual)
    issues.push({ path, message })
    if (issues.length >= limit) break
  }
  return issues
}

const PATTERN_HELP: Record<string, string> = {
  '^[A-Za-z0-9_-]+$': 'may only contain letters, digits, "_" and "-"',
  '^[A-Za-z_][A-Za-z0-9_]*$':
    'must start with a letter or "_" and contain only letters, digits and "_"',
}

const FORMAT_NAMES: Record<string, string> = { cron: 'cron expression', timezone: 'time zone' }

/** A sentence a builder user understands, naming the field by its title. */
function describeError(error: ValueError, title: string, actual: unknown): string {
  const schema = error.schema as Record<string, any>
  if (
    error.type === ValueErrorType.ObjectRequiredProperty ||
    actual === '' ||
    (actual === undefined && error.type !== ValueErrorType.Union)
  ) {
    return `${title} is required`
  }
  const plural = (count: number, one: string, many: string) => (count === 1 ? one : many)
  switch (error.type) {
    case ValueErrorType.StringFormat:
      return `${title} is not a valid ${FORMAT_NAMES[schema.format] ?? schema.format}`
    case ValueErrorType.ObjectMinProperties:
      return `${title} needs at least ${schema.minProperties} ${plural(schema.minProperties, 'entry', 'entries')}`
    case ValueErrorType.ArrayMinItems:
      return `${title} needs at least ${schema.minItems} ${plural(schema.minItems, 'item', 'items')}`
    case ValueErrorType.ArrayMaxItems:
      return `${title} allows at most ${schema.maxItems} items`
    case ValueErrorType.StringPattern:
      return `${title} ${PATTERN_HELP[schema.pattern] ?? `does not match ${schema.pattern}`}`
    case ValueErrorType.ObjectAdditionalProperties: {
      const keyPattern = Object.keys(schema.patternProperties ?? {})[0]
      const help = keyPattern ? PATTERN_HELP[keyPattern] : undefined
      return help ? `${title} is not a valid name: names ${help}` : `${title} is not allowed here`
    }
    case ValueErrorType.StringMaxLength:
      return `${title} is longer than ${schema.maxLength} characters`
    case ValueErrorType.Union: {
      const members: any[] = schema.anyOf ?? []
      if (members.length && members.every((member) => 'const' in member)) {
        return `${title} must be one of: ${listOf(members.map((member) => member.const))}`
      }
      return `${title} must be ${[...new Set(members.map((member) => article(member.type ?? 'value')))].join(' or ')}`
    }
    default:
      return `${title}: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`
  }
}
