/**
 * Switch: one output per case plus `default`. A case matches when its rules hold, or (value
 * mode) when the configured field equals the case value. First match wins unless mode is "all".
 */
import { Type } from '@sinclair/typebox'
import {
  evaluateConditions,
  isGroup,
  looseEquals,
  type ConditionGroup,
} from '../../engine/conditions.js'
import { resolvePath, renderValue } from '../../engine/expressions.js'
import type { NodeDefinition } from '../types.js'
import { IN, field } from '../shared.js'

export interface SwitchCase {
  id: string
  label: string
  value?: unknown
  conditions?: ConditionGroup
}
export interface SwitchConfig {
  field?: string
  mode: 'first' | 'all'
  cases: SwitchCase[]
}

export const switchNode: NodeDefinition<SwitchConfig> = {
  type: 'switch',
  category: 'control',
  group: 'Control',
  label: 'Switch',
  icon: 'pi pi-sitemap',
  description: 'Route to one of several branches by value or rules, with a default branch.',
  ports: {
    inputs: [IN],
    outputs: [{ id: 'default', label: 'Default', kind: 'main' }],
    dynamicOutputs: { from: 'cases', idKey: 'id', labelKey: 'label' },
  },
  configSchema: Type.Object({
    field: Type.Optional(
      Type.String(
        field('Value to compare', 'field', {
          help: 'e.g. deal.stageName; leave empty to use rules per case',
        })
      )
    ),
    mode: Type.Union(
      [Type.Literal('first'), Type.Literal('all')],
      field('Match', 'enum', {
        options: [
          { value: 'first', label: 'First matching case' },
          { value: 'all', label: 'Every matching case' },
        ],
      })
    ),
    cases: Type.Array(
      Type.Object({
        id: Type.String({
          minLength: 1,
          maxLength: 64,
          pattern: '^[A-Za-z0-9_-]+$',
          title: 'Port id',
        }),
        label: Type.String({ minLength: 1, maxLength: 80, title: 'Label' }),
        value: Type.Optional(Type.Unknown()),
        conditions: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      }),
      { minItems: 1, maxItems: 20, ...field('Cases', 'cases') }
    ),
  }),
  defaults: { mode: 'first', cases: [{ id: 'case_1', label: 'Case 1', value: '' }] },
  sideEffects: false,
  timeoutMs: 5_000,
  summary: '{{length cases}} case(s){{#if field}} on {{field}}{{/if}}',
  async execute(ctx) {
    const config = ctx.rawConfig as unknown as SwitchConfig
    const actual = config.field ? resolvePath(ctx.expression, config.field) : undefined
    const matched: string[] = []
    for (const option of config.cases ?? []) {
      const hit =
        isGroup(option.conditions) && option.conditions.rules.length > 0
          ? evaluateConditions(option.conditions, ctx.expression)
          : !!config.field && looseEquals(actual, renderValue(option.value, ctx.expression))
      if (hit) {
        matched.push(option.id)
        if (config.mode !== 'all') break
      }
    }
    const port = matched.length ? matched : ['default']
    return { output: { matched: port, value: actual ?? null }, port }
  },
}
