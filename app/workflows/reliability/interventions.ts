/**
 * Manual intervention on an execution (issue 5):
 * - retry:  a failed execution continues from its failed step (in place: the step re-runs with
 *           the next attempt number; every succeeded step keeps its result, nothing re-runs);
 * - skip:   the failed (or waiting) step is marked succeeded with an output a person supplies,
 *           and the execution continues after it;
 * - replay: a NEW execution linked to the original (`replay_of_execution_id`), from the start
 *           (optionally with an edited input and/or on the latest published version) or from
 *           the failed step (the original's finished steps are copied, the failed one re-runs).
 * Each resolves the execution's dead letter. The state changes are single transactions; the
 * queue job is enqueued after commit (the sweeper repairs a lost one).
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Execution from '#workflows/models/execution'
import { insertExecutions } from '#workflows/runtime/execution_store'
import { enqueueExecution } from '#workflows/runtime/queue'
import { executionChanged } from '#workflows/runtime/lifecycle'
import { WorkflowError } from '#workflows/services/workflow_error'
import { resolveDeadLetter } from '#workflows/reliability/dead_letters'
import { COMPENSATE_SUFFIX } from '#workflows/reliability/compensation'

export type ReplayMode = 'from_start' | 'from_failed_step'

function refuse(message: string, code: string, status = 409): never {
  throw new WorkflowError(message, [], { status, code })
}

function failedStepOf(execution: Execution) {
  const nodeId = execution.error?.nodeId
  if (typeof nodeId !== 'string') {
    refuse('The execution has no failed step to continue from', 'E_NO_FAILED_STEP')
  }
  const scopeKey = typeof execution.error?.scopeKey === 'string' ? execution.error.scopeKey : ''
  return { nodeId, scopeKey }
}

/**
 * Compensations undid the succeeded steps: continuing in place would build on undone work, so
 * only a replay (a new execution) is offered.
 */
async function refuseIfCompensated(executionId: number) {
  const row = await db
    .from('execution_steps')
    .where('execution_id', executionId)
    .whereLike('node_id', `%${COMPENSATE_SUFFIX}`)
    .first()
  if (row) {
    refuse(
      'This execution was compensated (its steps were undone); replay it instead',
      'E_COMPENSATED'
    )
  }
}

/** Puts a stopped execution back in the queue (same transaction as the step change). */
async function requeue(trx: TransactionClientContract, executionId: number, from: string[]) {
  const result = await trx.rawQuery(
    `UPDATE executions SET status = 'queued', error = NULL, output = NULL, finished_at = NULL,
        lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
     WHERE id = ? AND status = ANY(?::execution_status[]) RETURNING id`,
    [executionId, `{${from.join(',')}}`]
  )
  if (result.rows.length === 0) refuse('The execution changed meanwhile; reload it', 'E_CONFLICT')
}

async function wake(execution: Execution, tag: string) {
  await enqueueExecution(execution.id, execution.priority, undefined, `${tag}${Date.now()}`)
  await execution.refresh()
  executionChanged('execution.queued', execution)
  return execution
}

export async function retryFromFailedStep(execution: Execution): Promise<Execution> {
  if (execution.status !== 'failed') {
    refuse(`Only a failed execution can be retried (this one is ${execution.status})`, 'E_STATE')
  }
  const { nodeId, scopeKey } = failedStepOf(execution)
  await refuseIfCompensated(execution.id)
  await db.transaction(async (trx) => {
    // A `running` record is re-run by the executor with attempt + 1 and the same idempotency key.
    const step = await trx.rawQuery(
      `UPDATE execution_steps SET status = 'running', finished_at = NULL
       WHERE execution_id = ? AND node_id = ? AND scope_key = ? AND status = 'failed' RETURNING id`,
      [execution.id, nodeId, scopeKey]
    )
    if (step.rows.length === 0) refuse(`Step ${nodeId} is not failed`, 'E_STATE')
    await requeue(trx, execution.id, ['failed'])
    await resolveDeadLetter(execution.id, 'retried', null, trx)
  })
  return wake(execution, 'retry')
}

/**
 * Marks the failed step (or, for a waiting execution, the waiting step `nodeId`) succeeded
 * with `output`, and continues the execution after it.
 */
export async function skipStep(
  execution: Execution,
  input: { nodeId?: string; scopeKey?: string; output: unknown }
): Promise<Execution> {
  let target: { nodeId: string; scopeKey: string }
  if (execution.status === 'failed') {
    target = failedStepOf(execution)
    if (input.nodeId && input.nodeId !== target.nodeId) {
      refuse(`Step ${input.nodeId} is not the failed step (${target.nodeId})`, 'E_STATE', 422)
    }
  } else if (execution.status === 'waiting') {
    if (!input.nodeId) refuse('Name the waiting step to skip (nodeId)', 'E_NODE_REQUIRED', 422)
    target = { nodeId: input.nodeId, scopeKey: input.scopeKey ?? '' }
  } else {
    refuse(
      `Only a failed or waiting execution can skip a step (this one is ${execution.status})`,
      'E_STATE'
    )
  }
  await refuseIfCompensated(execution.id)
  await db.transaction(async (trx) => {
    const step = await trx.rawQuery(
      `UPDATE execution_steps SET status = 'succeeded', output = ?::jsonb, port = NULL,
          error = NULL, finished_at = now()
       WHERE execution_id = ? AND node_id = ? AND scope_key = ?
         AND status IN ('failed', 'waiting') RETURNING id`,
      [JSON.stringify(input.output ?? null), execution.id, target.nodeId, target.scopeKey]
    )
    if (step.rows.length === 0) refuse(`Step ${target.nodeId} cannot be skipped`, 'E_STATE')
    await trx.rawQuery(
      `UPDATE execution_waits SET status = 'resumed', resumed_at = now()
       WHERE execution_id = ? AND node_id = ? AND scope_key = ? AND status = 'pending'`,
      [execution.id, target.nodeId, target.scopeKey]
    )
    await requeue(trx, execution.id, ['failed', 'waiting'])
    await resolveDeadLetter(execution.id, 'skipped', null, trx)
  })
  return wake(execution, 'skip')
}

export interface ReplayOptions {
  mode?: ReplayMode
  /** Run on the workflow's current published version instead of the original's. */
  latestVersion?: boolean
  /** Replace the input (from_start only). */
  input?: Record<string, unknown>
  userId?: number | null
}

/** Starts a new execution replaying `execution`; returns it (queued). */
export async function replayExecution(
  execution: Execution,
  options: ReplayOptions = {}
): Promise<Execution> {
  const mode = options.mode ?? 'from_start'
  if (!['failed', 'succeeded', 'cancelled'].includes(execution.status)) {
    refuse(`Only a finished execution can be replayed (this one is ${execution.status})`, 'E_STATE')
  }
  let versionId = execution.versionId
  if (options.latestVersion) {
    const workflow = await db.from('workflows').where('id', execution.workflowId).first()
    if (!workflow?.active_version_id) refuse('The workflow has no published version', 'E_STATE')
    versionId = Number(workflow.active_version_id)
  }
  if (mode === 'from_failed_step') {
    if (execution.status !== 'failed')
      refuse('Only a failed execution has a failed step', 'E_STATE')
    if (versionId !== execution.versionId) {
      refuse(
        'Replaying from the failed step needs the original version (its steps are reused)',
        'E_VERSION',
        422
      )
    }
    if (options.input) refuse('An edited input needs a replay from the start', 'E_INPUT', 422)
  }
  const failed = mode === 'from_failed_step' ? failedStepOf(execution) : null
  if (failed) await refuseIfCompensated(execution.id)
  const replayId = await db.transaction(async (trx) => {
    const [inserted] = await insertExecutions(
      [
        {
          tenantId: execution.tenantId,
          workflowId: execution.workflowId,
          versionId,
          triggerType: execution.triggerType,
          priority: execution.priority,
          input: options.input ?? execution.input,
          startedBy: options.userId ?? null,
        },
      ],
      trx
    )
    const id = inserted!
    await trx.rawQuery(`UPDATE executions SET replay_of_execution_id = ? WHERE id = ?`, [
      execution.id,
      id,
    ])
    if (failed) await copyFinishedSteps(trx, execution.id, id, failed)
    await resolveDeadLetter(execution.id, 'replayed', id, trx)
    return id
  })
  const replay = await Execution.findOrFail(replayId)
  await enqueueExecution(replay.id, replay.priority)
  executionChanged('execution.queued', replay, { replayOf: execution.id })
  return replay
}

/** Copies the original's terminal steps (but the failed one) under the new execution's keys. */
async function copyFinishedSteps(
  trx: TransactionClientContract,
  fromId: number,
  toId: number,
  failed: { nodeId: string; scopeKey: string }
) {
  const result = await trx.rawQuery(
    `INSERT INTO execution_steps (tenant_id, execution_id, node_id, node_type, scope_key,
        idempotency_key, status, attempt, seq, input, output, port, error, started_at,
        finished_at, duration_ms)
     SELECT tenant_id, ?, node_id, node_type, scope_key, ? || ':' || node_id || ':' || scope_key,
        status, attempt, seq, input, output, port, error, started_at, finished_at, duration_ms
     FROM execution_steps
     WHERE execution_id = ? AND status IN ('succeeded', 'failed', 'skipped')
       AND NOT (node_id = ? AND scope_key = ?)
     RETURNING id`,
    [toId, String(toId), fromId, failed.nodeId, failed.scopeKey]
  )
  await trx.rawQuery(`UPDATE executions SET step_count = ? WHERE id = ?`, [
    result.rows.length,
    toId,
  ])
}
