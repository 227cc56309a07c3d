/**
 * Lifecycle events of executions, broadcast on Transmit for the live monitor:
 *   workflows/executions/:id   every change of that execution (steps included)
 *   tenants/:id/executions     execution-level changes (lists, dashboards)
 * Broadcasting is fire-and-forget: a monitor missing a message reloads from the API.
 */
import { broadcast, type Broadcastable } from '#core/realtime/broadcast'

export type ExecutionLifecycle =
  | 'execution.queued'
  | 'execution.started'
  | 'execution.waiting'
  | 'execution.succeeded'
  | 'execution.failed'
  | 'execution.cancelled'

export type StepLifecycle = 'step.started' | 'step.finished'

let enabled = true

/** The benchmark measures the engine with and without broadcasts. */
export function setLifecycleBroadcasts(on: boolean) {
  enabled = on
}

function send(channel: string, payload: Record<string, unknown>) {
  if (!enabled) return
  try {
    broadcast(channel, payload as Broadcastable)
  } catch {
    // A transport hiccup must never fail an execution.
  }
}

export function executionChanged(
  type: ExecutionLifecycle,
  execution: { id: number; tenantId: number; workflowId: number; versionId?: number },
  extra: Record<string, unknown> = {}
) {
  const payload = {
    type,
    executionId: execution.id,
    workflowId: execution.workflowId,
    at: new Date().toISOString(),
    ...extra,
  }
  send(`workflows/executions/${execution.id}`, payload)
  send(`tenants/${execution.tenantId}/executions`, payload)
}

export interface StepChange {
  type: StepLifecycle
  at: string
  step: Record<string, unknown>
}

export function stepChange(type: StepLifecycle, step: Record<string, unknown>): StepChange {
  return { type, at: new Date().toISOString(), step }
}

/**
 * Step changes are published once their checkpoint is written, all the changes of one checkpoint
 * in one message (`{ type: 'steps.changed', changes: [...] }`): a monitor never shows a step the
 * database does not know yet, and a batch of pure steps costs one publish instead of one each.
 */
export function stepsChanged(executionId: number, changes: StepChange[]) {
  if (changes.length === 0) return
  send(`workflows/executions/${executionId}`, { type: 'steps.changed', executionId, changes })
}
