/**
 * Parallel: fans out to every branch at once. A node receiving several branches waits for all
 * of them (join), then gets `{ [lastNodeOfEachBranch]: output }` as input.
 */
import { Type } from '@sinclair/typebox'
import type { NodeDefinition } from '../types.js'
import { IN, field } from '../shared.js'

export interface ParallelConfig {
  branches: Array<{ id: string; label: string }>
}

export const parallelNode: NodeDefinition<ParallelConfig> = {
  type: 'parallel',
  category: 'control',
  group: 'Control',
  label: 'Parallel',
  icon: 'pi pi-share-alt',
  description: 'Run several branches at the same time; join them by connecting them to one node.',
  ports: {
    inputs: [IN],
    outputs: [],
    dynamicOutputs: { from: 'branches', idKey: 'id', labelKey: 'label' },
  },
  configSchema: Type.Object({
    branches: Type.Array(
      Type.Object({
        id: Type.String({
          minLength: 1,
          maxLength: 64,
          pattern: '^[A-Za-z0-9_-]+$',
          title: 'Port id',
        }),
        label: Type.String({ minLength: 1, maxLength: 80, title: 'Label' }),
      }),
      { minItems: 2, maxItems: 10, ...field('Branches', 'list') }
    ),
  }),
  defaults: {
    branches: [
      { id: 'branch_1', label: 'Branch 1' },
      { id: 'branch_2', label: 'Branch 2' },
    ],
  },
  sideEffects: false,
  timeoutMs: 5_000,
  summary: '{{length branches}} branches',
  async execute(ctx) {
    return { output: ctx.input ?? null }
  },
}
