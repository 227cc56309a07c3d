/** Runs a registered node the way the runtime does (runNode), with explicit services. */
import { runNode } from '#workflows/nodes/run_node'
import { nodeRegistry } from '#workflows/nodes/registry'
import type { ExpressionContext } from '#workflows/engine/context'
import type { NodeServices, NotificationRequest } from '#workflows/nodes/types'
import { createSafeHttpClient } from '#workflows/nodes/http/safe_http'

/** A notify port that records what it was asked to deliver (the runtime's real one writes rows). */
export function recordingNotify() {
  const sent: NotificationRequest[] = []
  const notify = async (request: NotificationRequest) => {
    sent.push(request)
    return { delivered: (request.userIds?.length ?? 0) + (request.roles?.length ?? 0) }
  }
  return { sent, notify }
}

const silent = { debug() {}, info() {}, warn() {}, error() {} }

export function services(overrides: Partial<NodeServices> = {}): NodeServices {
  return {
    notify: recordingNotify().notify,
    entities: {
      async find() {
        throw new Error('entities not available in unit tests')
      },
      async create() {
        throw new Error('entities not available in unit tests')
      },
      async update() {
        throw new Error('entities not available in unit tests')
      },
    },
    http: createSafeHttpClient(),
    logger: silent,
    ...overrides,
  }
}

export function runType(
  type: string,
  config: Record<string, unknown>,
  options: {
    input?: unknown
    expression?: Partial<ExpressionContext>
    services?: Partial<NodeServices>
    signal?: AbortSignal
    timeoutMs?: number
  } = {}
) {
  return runNode(nodeRegistry.getOrFail(type), {
    input: options.input ?? null,
    rawConfig: config,
    expression: { trigger: null, steps: {}, vars: {}, ...options.expression },
    tenantId: 1,
    workflowId: 1,
    executionId: 'exec-1',
    stepId: null,
    nodeId: 'node_1',
    scopeKey: '',
    attempt: 1,
    idempotencyKey: 'exec-1:node_1:',
    services: services(options.services),
    signal: options.signal,
    timeoutMs: options.timeoutMs,
  })
}

/** Narrowing helpers for assertions. */
export function ok<T extends { ok: boolean }>(result: T) {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify((result as any).error)}`)
  return result as Extract<T, { ok: true }> as any
}
export function failed<T extends { ok: boolean }>(result: T) {
  if (result.ok) throw new Error(`expected failure, got ${JSON.stringify((result as any).result)}`)
  return (result as any).error as import('#workflows/nodes/types').NodeError
}
