/**
 * Return: ends a branch of a workflow called as a sub-workflow and sets the values its caller
 * receives as `result` (the last Return that ran wins). In a workflow run on its own it just
 * records the values as its output.
 */
import { Type } from '@sinclair/typebox'
import type { NodeDefinition } from '../types.js'
import { IN, field } from '../shared.js'

export interface ReturnConfig {
  values: Record<string, unknown>
}

export const returnNode: NodeDefinition<ReturnConfig> = {
  type: 'return',
  category: 'control',
  group: 'Control',
  label: 'Return',
  icon: 'pi pi-reply',
  description: 'Hand values back to the workflow that called this one.',
  ports: { inputs: [IN], outputs: [] },
  configSchema: Type.Object({
    values: Type.Record(
      Type.String(),
      Type.Unknown(),
      field('Return values', 'keyvalue', { help: 'e.g. approved = {{steps.check.output.ok}}' })
    ),
  }),
  defaults: { values: {} },
  sideEffects: false,
  timeoutMs: 5_000,
  summary: 'Return {{#each values}}{{@key}} {{/each}}',
  async execute(ctx) {
    return { output: { values: { ...(ctx.config.values ?? {}) } } }
  },
}
