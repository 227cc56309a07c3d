/**
 * A test-only node type: fails with `config.category` on its first `config.failures` attempts
 * (counted per execution and node), then succeeds. Counts every call, so tests can check how
 * often a step really ran.
 */
import { Type } from '@sinclair/typebox'
import { nodeRegistry } from '#workflows/nodes/registry'
import { NodeError, type ErrorCategory, type NodeDefinition } from '#workflows/nodes/types'

export const calls = new Map<string, number>()
/** Simulated outages: a flaky node whose `config.outage` is listed here fails (transient). */
export const outages = new Set<string>()

export const flakyNode: NodeDefinition<{
  failures: number
  category: ErrorCategory
  retryAfterMs?: number
  hang?: boolean
  outage?: string
}> = {
  type: 'test_flaky',
  category: 'action',
  group: 'Actions',
  label: 'Flaky (test)',
  icon: 'pi pi-bolt',
  description: 'Fails a given number of times, then succeeds',
  ports: {
    inputs: [{ id: 'in', label: 'In', kind: 'main' }],
    outputs: [
      { id: 'out', label: 'Out', kind: 'main' },
      { id: 'error', label: 'Error', kind: 'error' },
    ],
  },
  configSchema: Type.Object({}),
  defaults: { failures: 0, category: 'transient' },
  sideEffects: false,
  timeoutMs: 5_000,
  async execute(ctx) {
    const key = `${ctx.executionId}:${ctx.nodeId}`
    const count = (calls.get(key) ?? 0) + 1
    calls.set(key, count)
    if (ctx.config.hang) {
      await new Promise((_, reject) => {
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true })
      })
    }
    if (ctx.config.outage && outages.has(ctx.config.outage)) {
      throw new NodeError('transient', `${ctx.config.outage} is down`, { code: 'outage' })
    }
    if (count <= Number(ctx.config.failures)) {
      throw new NodeError(ctx.config.category, `failure ${count}`, {
        code: 'flaky',
        retryAfterMs: ctx.config.retryAfterMs,
      })
    }
    return { output: { attempt: ctx.attempt, calls: count } }
  },
}

export function registerFlakyNode() {
  if (!nodeRegistry.has(flakyNode.type)) nodeRegistry.register(flakyNode)
}

/** Execution ids restart with every truncated database: forget the counts between tests. */
export function resetFlakyCalls() {
  calls.clear()
  outages.clear()
}

export function callsOf(executionId: number, nodeId: string) {
  return calls.get(`${executionId}:${nodeId}`) ?? 0
}
