/**
 * Try / catch / finally: the nodes reachable from `try` form a protected scope. When a step in
 * it fails (after its retries, and it has no error port of its own), the rest of the scope is
 * skipped and the execution continues on `catch` with the error; `finally` runs after the try
 * scope succeeded or after the catch branch finished. Expressions see the error as
 * `steps.<tryNodeId>.error` (`{ nodeId, nodeName, nodeType, category, message, code }`).
 * The scope bookkeeping lives in the interpreter (reliability/try_scopes.ts).
 */
import { Type } from '@sinclair/typebox'
import type { NodeDefinition } from '../types.js'
import { IN } from '../shared.js'
import { TRY_CATCH_TYPE } from '../../reliability/try_scopes.js'

export { TRY_CATCH_TYPE }

export const tryCatchNode: NodeDefinition<Record<string, never>> = {
  type: TRY_CATCH_TYPE,
  category: 'control',
  group: 'Control',
  label: 'Try / catch',
  icon: 'pi pi-shield',
  description:
    'Protect a group of steps: on an error inside, continue on Catch with the error; Finally runs either way.',
  ports: {
    inputs: [IN],
    outputs: [
      { id: 'try', label: 'Try', kind: 'main' },
      { id: 'catch', label: 'Catch', kind: 'main' },
      { id: 'finally', label: 'Finally', kind: 'main' },
    ],
  },
  configSchema: Type.Object({}),
  defaults: {},
  sideEffects: false,
  timeoutMs: 5_000,
  async execute(ctx) {
    return { output: { input: ctx.input ?? null, error: null }, port: 'try' }
  },
}
