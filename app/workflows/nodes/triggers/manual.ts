/**
 * Manual trigger: started from the UI, the API (`POST /workflows/:id/run {input}`) or
 * `node ace workflow:run`. Its input form is declared in config and the input is checked against it.
 */
import { Type } from '@sinclair/typebox'
import { NodeError, type NodeDefinition } from '../types.js'
import { OUT, field } from '../shared.js'
import { toDateTime } from '../../engine/expressions.js'
import { MANUAL_FIELD_TYPES, type ManualField } from './manual_field.js'

export type { ManualField } from './manual_field.js'

const FieldType = Type.Union(
  MANUAL_FIELD_TYPES.map((value) => Type.Literal(value)),
  field('Type', 'enum')
)

export const ManualConfigSchema = Type.Object({
  fields: Type.Array(
    Type.Object({
      key: Type.String({
        minLength: 1,
        maxLength: 64,
        pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
        title: 'Key',
      }),
      label: Type.String({ minLength: 1, maxLength: 120, title: 'Label' }),
      type: FieldType,
      required: Type.Optional(Type.Boolean({ title: 'Required' })),
      default: Type.Optional(Type.Unknown()),
      help: Type.Optional(Type.String({ maxLength: 300 })),
    }),
    {
      maxItems: 50,
      ...field('Input form', 'form_schema', {
        help: 'Fields asked when the workflow is run by hand',
      }),
    }
  ),
})

export interface ManualConfig {
  fields: ManualField[]
}

/** Coerces form input to the declared field types; errors are keyed by field. */
export function validateManualInput(config: ManualConfig, input: unknown) {
  const source = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>
  const values: Record<string, unknown> = { ...source }
  const errors: Record<string, string> = {}
  for (const spec of config.fields ?? []) {
    let value = source[spec.key]
    if ((value === undefined || value === null || value === '') && spec.default !== undefined)
      value = spec.default
    if (value === undefined || value === null || value === '') {
      if (spec.required) errors[spec.key] = `${spec.label} is required`
      delete values[spec.key]
      continue
    }
    values[spec.key] = value
    switch (spec.type) {
      case 'number': {
        const number = typeof value === 'number' ? value : Number(value)
        if (!Number.isFinite(number)) errors[spec.key] = `${spec.label} must be a number`
        else values[spec.key] = number
        break
      }
      case 'boolean':
        if (typeof value === 'boolean') values[spec.key] = value
        else if (value === 'true' || value === 'false') values[spec.key] = value === 'true'
        else errors[spec.key] = `${spec.label} must be true or false`
        break
      case 'date': {
        const date = toDateTime(value)
        if (!date) errors[spec.key] = `${spec.label} must be a date`
        else values[spec.key] = typeof value === 'string' ? value : date.toISO()
        break
      }
      case 'email':
        if (typeof value !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
          errors[spec.key] = `${spec.label} must be an email address`
        }
        break
      default:
        if (typeof value !== 'string') values[spec.key] = String(value)
    }
  }
  return { values, errors }
}

export const manualTrigger: NodeDefinition<ManualConfig> = {
  type: 'manual',
  category: 'trigger',
  group: 'Triggers',
  label: 'Manual trigger',
  icon: 'pi pi-play',
  description: 'Start the workflow by hand, from the API or the CLI, with an input form.',
  ports: { inputs: [], outputs: [OUT] },
  configSchema: ManualConfigSchema,
  defaults: { fields: [] },
  sideEffects: false,
  timeoutMs: 5_000,
  summary: '{{#if fields.length}}{{fields.length}} input field(s){{else}}No input{{/if}}',
  trigger: { kind: 'manual' },
  async execute(ctx) {
    const { values, errors } = validateManualInput(ctx.config, ctx.input)
    if (Object.keys(errors).length) {
      throw new NodeError('validation', Object.values(errors).join('; '), {
        code: 'invalid_input',
        details: { errors },
      })
    }
    return { output: values }
  },
}
