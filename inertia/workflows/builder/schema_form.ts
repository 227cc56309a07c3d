/**
 * Turns a node type's config schema (TypeBox → JSON Schema, with `ui` hints on properties) into
 * the list of fields the properties panel renders. The widget comes from the hint when present,
 * otherwise from the JSON Schema type, so a node type without hints still gets a usable form.
 */
import type { UiHints, UiWidget } from '#workflows/nodes/types'

export interface FieldOption {
  value: string | number
  label: string
}

export interface FormField {
  key: string
  title: string
  help?: string
  placeholder?: string
  widget: UiWidget
  required: boolean
  schema: Record<string, any>
  ui?: UiHints
  options: FieldOption[]
}

type JsonSchema = Record<string, any>

function literalOptions(schema: JsonSchema): FieldOption[] | null {
  if (Array.isArray(schema.enum))
    return schema.enum.map((v: string | number) => ({ value: v, label: String(v) }))
  if (Array.isArray(schema.anyOf) && schema.anyOf.every((s: JsonSchema) => 'const' in s)) {
    return schema.anyOf.map((s: JsonSchema) => ({
      value: s.const,
      label: s.title ?? String(s.const),
    }))
  }
  return null
}

/** Strips `Optional`/nullable unions to the meaningful member. */
function unwrap(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema.anyOf)) {
    const members = schema.anyOf.filter((s: JsonSchema) => s.type !== 'null')
    if (members.length === 1) return { ...members[0], ...omit(schema, ['anyOf']) }
  }
  return schema
}

function omit(object: JsonSchema, keys: string[]) {
  return Object.fromEntries(Object.entries(object).filter(([k]) => !keys.includes(k)))
}

export function inferWidget(raw: JsonSchema): UiWidget {
  const schema = unwrap(raw)
  if (schema.ui?.widget) return schema.ui.widget
  if (literalOptions(schema)) return 'enum'
  switch (schema.type) {
    case 'boolean':
      return 'boolean'
    case 'number':
    case 'integer':
      return 'number'
    case 'array':
      return ['string', 'number'].includes(schema.items?.type) ? 'list' : 'json'
    case 'object':
      return schema.patternProperties || schema.additionalProperties ? 'keyvalue' : 'json'
    case 'string':
      return (schema.maxLength ?? 0) > 500 ? 'textarea' : 'text'
    default:
      return 'json'
  }
}

function humanize(key: string) {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Fields of a config schema in display order; fields hidden by `showIf` are left out. */
export function formFields(configSchema: unknown, config: Record<string, unknown>): FormField[] {
  const schema = (configSchema ?? {}) as JsonSchema
  const properties: Record<string, JsonSchema> = schema.properties ?? {}
  const required = new Set<string>(schema.required ?? [])
  const fields: Array<FormField & { order: number; index: number }> = []
  Object.entries(properties).forEach(([key, raw], index) => {
    const prop = unwrap(raw)
    const ui: UiHints | undefined = raw.ui ?? prop.ui
    if (ui?.showIf && !ui.showIf.in.includes(config[ui.showIf.field])) return
    fields.push({
      key,
      title: prop.title ?? raw.title ?? humanize(key),
      help: ui?.help ?? prop.description ?? raw.description,
      placeholder: ui?.placeholder,
      widget: ui?.widget ?? inferWidget(raw),
      required: required.has(key),
      schema: prop,
      ui,
      options: ui?.options ?? literalOptions(prop) ?? [],
      order: ui?.order ?? 1000,
      index,
    })
  })
  return fields
    .sort((a, b) => a.order - b.order || a.index - b.index)
    .map(({ order: _o, index: _i, ...field }) => field)
}

/**
 * Durations are stored as milliseconds or as strings like "15m" / "2h" / "1d" depending on the
 * schema; these convert between that and an amount + unit pair for the form.
 */
export const DURATION_UNITS = [
  { unit: 's', label: 'seconds', ms: 1000 },
  { unit: 'm', label: 'minutes', ms: 60_000 },
  { unit: 'h', label: 'hours', ms: 3_600_000 },
  { unit: 'd', label: 'days', ms: 86_400_000 },
] as const

export function splitDuration(value: unknown): { amount: number | null; unit: string } {
  let ms = 0
  if (typeof value === 'number' && value > 0) ms = value
  if (typeof value === 'string') {
    const parts = [...value.matchAll(/(\d+(?:\.\d+)?)\s*([smhd])/g)]
    const rest = value.replace(/(\d+(?:\.\d+)?)\s*([smhd])/g, '').trim()
    if (!parts.length || rest) return { amount: null, unit: 'm' }
    for (const [, amount, unit] of parts) {
      ms += Number(amount) * (DURATION_UNITS.find((u) => u.unit === unit)?.ms ?? 0)
    }
  }
  if (ms <= 0) return { amount: null, unit: 'm' }
  const unit = [...DURATION_UNITS].reverse().find((u) => ms % u.ms === 0) ?? DURATION_UNITS[0]
  return { amount: ms / unit.ms, unit: unit.unit }
}

export function joinDuration(amount: number | null, unit: string, asString: boolean): unknown {
  if (amount === null || Number.isNaN(amount)) return undefined
  if (asString) return `${amount}${unit}`
  const ms = DURATION_UNITS.find((u) => u.unit === unit)?.ms ?? 1000
  return Math.round(amount * ms)
}
