/**
 * Extension points of the durable runtime for waits that end by something other than the clock
 * (issue 8): approvals (a decision) and wait-for-event (a matching domain event).
 *
 * - `onWaitsStored` runs inside the transaction that parks the execution and stores its wait
 *   rows, so an approval request exists exactly when its wait does (no window in which someone
 *   could decide on a step the runtime has not parked yet).
 * - `resolveDueWait` is asked by the executor when a pending wait of such a kind is due (its
 *   `resume_at` passed: the timeout, or "now" set by a decision / matching event). It returns the
 *   step's final output and port, or null to keep waiting.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { approvalWaits } from '#workflows/approvals/approval_waits'
import { eventWaits } from '#workflows/waits/event_waits'
import { callbackWaits } from '#workflows/callbacks/callback_waits'
import { subworkflowWaits } from '#workflows/versions/subflows/calls'

export interface StoredWait {
  nodeId: string
  scopeKey: string
  kind: string
  resumeAt: string | null
  payload: unknown
}

export interface ParkedExecution {
  id: number
  tenantId: number
  workflowId: number
}

export interface DueWaitInfo {
  id: number
  nodeId: string
  scopeKey: string
  kind: string
  payload: Record<string, unknown> | null
}

export interface WaitResolution {
  output: unknown
  port: string
}

export interface WaitKindHandler {
  stored(
    trx: TransactionClientContract,
    execution: ParkedExecution,
    waits: StoredWait[]
  ): Promise<void>
  resolve(
    executionId: number,
    wait: DueWaitInfo,
    step: { output: unknown }
  ): Promise<WaitResolution | null>
}

const handlers: Record<string, WaitKindHandler> = {
  approval: approvalWaits,
  event: eventWaits,
  callback: callbackWaits,
  subworkflow: subworkflowWaits,
}

export async function onWaitsStored(
  trx: TransactionClientContract,
  execution: ParkedExecution,
  waits: StoredWait[]
) {
  for (const [kind, handler] of Object.entries(handlers)) {
    const mine = waits.filter((wait) => wait.kind === kind)
    if (mine.length > 0) await handler.stored(trx, execution, mine)
  }
}

export function resolvesWaitKind(kind: string) {
  return kind in handlers
}

export async function resolveDueWait(
  executionId: number,
  wait: DueWaitInfo,
  step: { output: unknown }
): Promise<WaitResolution | null> {
  const handler = handlers[wait.kind]
  return handler ? handler.resolve(executionId, wait, step) : null
}
