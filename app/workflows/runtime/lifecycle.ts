/**
 * Lifecycle events of executions, broadcast on Transmit for the live monitor:
 *   workflows/executions/:id   every change of that execution (steps included)
 *   tenants/:id/executions     execution-level changes (lists, dashboards)
 * Broadcasting is fire-and-forget: a monitor missing a message reloads from the API.
 */
import { broadcast } from '#core/realtime/broadcast'
import type { Broadcastable } from '#core/realtime/broadcast'

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

export function stepChanged(
  type: StepLifecycle,
  executionId: number,
  step: Record<string, unknown>
) {
  send(`workflows/executions/${executionId}`, {
    type,
    executionId,
    at: new Date().toISOString(),
    step,
  })
}
