/** Set workflow variables (`{{vars.name}}` in later steps). Values may be expressions. */
import { Type } from '@sinclair/typebox'
import type { NodeDefinition } from '../types.js'
import { IN, OUT, field } from '../shared.js'

export interface SetVariablesConfig {
  variables: Record<string, unknown>
}

export const setVariablesNode: NodeDefinition<SetVariablesConfig> = {
  type: 'set_variables',
  category: 'action',
  group: 'Actions',
  label: 'Set variables',
  icon: 'pi pi-tag',
  description: 'Store values under names for later steps ({{vars.name}}).',
  ports: { inputs: [IN], outputs: [OUT] },
  configSchema: Type.Object({
    variables: Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Type.Unknown(), {
      minProperties: 1,
      additionalProperties: false,
      ...field('Variables', 'keyvalue'),
    }),
  }),
  defaults: { variables: {} },
  sideEffects: false,
  setsVariables: true,
  timeoutMs: 5_000,
  summary: 'Set {{#each variables}}{{@key}} {{/each}}',
  async execute(ctx) {
    const output: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(ctx.config.variables ?? {})) {
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) output[key] = value
    }
    return { output }
  },
}
