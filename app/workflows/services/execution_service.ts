/**
 * Starting and stopping executions. Starting = one `executions` row (queued) + one queue job
 * carrying its id; if the job is lost between the two, the sweeper re-enqueues the row.
 */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import Execution from '#workflows/models/execution'
import type Workflow from '#workflows/models/workflow'
import type { Priority } from '#workflows/models/workflow'
import { insertExecutions, type NewExecution } from '#workflows/runtime/execution_store'
import { enqueueMany } from '#workflows/runtime/queue'
import { executionChanged } from '#workflows/runtime/lifecycle'
import { loadVersion } from '#workflows/runtime/version_cache'
import { validateManualInput, type ManualConfig } from '#workflows/nodes/triggers/manual'
import { WorkflowError } from '#workflows/services/workflow_error'
import { refuseOverQuota } from '#workflows/reliability/quotas'
import { onChildExecutionFinished } from '#workflows/versions/subflows/calls'

export interface StartRequest extends NewExecution {}

/**
 * Inserts the executions (duplicates by trigger key are skipped), then enqueues them. Returns
 * the ids in request order (null for duplicates).
 */
export async function startExecutions(
  requests: StartRequest[],
  client?: QueryClientContract
): Promise<Array<number | null>> {
  // Quotas (reliability/quotas.ts): refused starts are recorded there and come back as null.
  const refused = await refuseOverQuota(requests)
  if (refused.size > 0) {
    const kept = await startExecutions(
      requests.filter((_, index) => !refused.has(index)),
      client
    )
    return requests.map((_, index) => (refused.has(index) ? null : (kept.shift() ?? null)))
  }
  const ids = await insertExecutions(requests, client)
  const created = ids
    .map((id, index) => (id === null ? null : { id, request: requests[index] }))
    .filter((item): item is { id: number; request: StartRequest } => item !== null)
  if (created.length === 0) return ids
  await enqueueMany(
    created.map((item) => ({ executionId: item.id, priority: item.request.priority }))
  )
  for (const item of created) {
    executionChanged('execution.queued', {
      id: item.id,
      tenantId: item.request.tenantId,
      workflowId: item.request.workflowId,
    })
  }
  return ids
}

export async function startExecution(request: StartRequest): Promise<number | null> {
  const [id] = await startExecutions([request])
  return id
}

/** Runs the workflow's published version by hand (UI, API, CLI) after checking the input form. */
export async function runManually(
  workflow: Workflow,
  input: Record<string, unknown>,
  options: { userId?: number | null; priority?: Priority } = {}
): Promise<number> {
  if (!workflow.activeVersionId) {
    throw new WorkflowError('Publish the workflow before running it', [], {
      code: 'E_NOT_PUBLISHED',
    })
  }
  if (workflow.status === 'archived') {
    throw new WorkflowError('An archived workflow cannot run', [], { code: 'E_ARCHIVED' })
  }
  const version = await loadVersion(workflow.activeVersionId)
  const trigger = version.graph.nodes.find((node) => node.id === version.compiled.triggerId)
  if (trigger?.type === 'manual') {
    const { errors } = validateManualInput(trigger.config as unknown as ManualConfig, input)
    const fields = Object.entries(errors)
    if (fields.length) {
      throw new WorkflowError(
        'The input does not match the workflow form',
        fields.map(([field, message]) => ({
          code: 'E_VALIDATION_ERROR',
          field: `input.${field}`,
          message,
        }))
      )
    }
  }
  const id = await startExecution({
    tenantId: workflow.tenantId,
    workflowId: workflow.id,
    versionId: workflow.activeVersionId,
    triggerType: trigger?.type ?? 'manual',
    priority: options.priority ?? workflow.priority,
    input,
    startedBy: options.userId ?? null,
  })
  return id!
}

/**
 * Cancels an unfinished execution. A worker running it notices at its next checkpoint (the
 * checkpoint fences on status = running) and stops without writing anything more.
 */
export async function cancelExecution(execution: Execution) {
  const cancelled = await db.transaction(async (trx) => {
    const result = await trx.rawQuery(
      `UPDATE executions SET status = 'cancelled', finished_at = now(), updated_at = now(),
          lease_owner = NULL, lease_expires_at = NULL,
          error = jsonb_build_object('category', 'business', 'code', 'cancelled',
            'message', 'Cancelled by a user')
       WHERE id = ? AND status IN ('queued', 'running', 'waiting') RETURNING id`,
      [execution.id]
    )
    if (result.rows.length === 0) return false
    await trx.rawQuery(
      `UPDATE execution_waits SET status = 'cancelled' WHERE execution_id = ? AND status = 'pending'`,
      [execution.id]
    )
    await trx.rawQuery(
      `UPDATE execution_steps SET status = 'cancelled', finished_at = now()
       WHERE execution_id = ? AND status IN ('running', 'waiting')`,
      [execution.id]
    )
    return true
  })
  if (!cancelled) {
    throw new WorkflowError(`The execution already ${execution.status}`, [], {
      status: 409,
      code: 'E_EXECUTION_FINISHED',
    })
  }
  await execution.refresh()
  // A synchronous caller waiting for this execution (Sub-Workflow) resumes and fails its step.
  await onChildExecutionFinished(execution.id).catch(() => {})
  executionChanged('execution.cancelled', execution)
  return execution
}

/**
 * Polls the execution until it finishes or `timeoutMs` passes (webhook "wait for result", the
 * CLI). Polling the row keeps this independent of which process runs the execution.
 */
export async function waitForExecution(
  executionId: number,
  timeoutMs: number,
  onProgress?: (execution: Execution) => void
): Promise<Execution | null> {
  const deadline = Date.now() + timeoutMs
  let interval = 20
  while (true) {
    const execution = await Execution.find(executionId)
    if (!execution) return null
    onProgress?.(execution)
    if (execution.isFinished || Date.now() >= deadline) return execution
    await new Promise((resolve) => setTimeout(resolve, Math.min(interval, deadline - Date.now())))
    interval = Math.min(interval * 2, 250)
  }
}
