/**
 * What happens when an execution fails past its handlers (retries exhausted, no error port or
 * try-catch took the error): the compensations of its succeeded steps run (compensation.ts), it lands in the dead-letter queue with its last error, input and
 * failed step; then the owner is notified (in-app + email) and the error workflow, if any, is
 * started. Called by the executor after the final checkpoint; never throws (a DLQ hiccup must
 * not turn a recorded failure into a crashed worker).
 */
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import { recordDeadLetter } from '#workflows/reliability/dead_letters'
import { notifyFailure } from '#workflows/reliability/error_notifications'
import { runCompensations } from '#workflows/reliability/compensation'

export interface FailedExecution {
  id: number
  tenantId: number
  workflowId: number
  versionId: number
}

export async function onExecutionFailed(execution: FailedExecution, error: unknown) {
  const details = (error ?? {}) as Record<string, unknown>
  try {
    // Undo what succeeded (saga), newest first, before the execution is parked in the DLQ.
    const compensated = await runCompensations(execution)
    if (compensated.ran > 0) details.compensations = compensated
  } catch (failure) {
    logger.error({ err: failure, executionId: execution.id }, 'compensations did not run')
  }
  try {
    await recordDeadLetter(execution, details)
  } catch (failure) {
    logger.error({ err: failure, executionId: execution.id }, 'could not dead-letter execution')
  }
  try {
    await notifyFailure(execution, details)
  } catch (failure) {
    logger.error({ err: failure, executionId: execution.id }, 'could not notify a failure')
  }
}

const REPAIR_EVERY_MS = 10_000
let lastRepair = 0

/**
 * Repair pass (called by the sweeper): a worker that died between an execution's final
 * checkpoint and its failure hooks leaves a failed execution without a dead letter. Executions
 * failed 15 s to 10 min ago without one get their hooks now. One worker at a time (advisory
 * lock); throttled to every 10 s per process. Never throws.
 */
export async function repairUnhandledFailures(options: { force?: boolean } = {}) {
  const now = Date.now()
  if (!options.force && now - lastRepair < REPAIR_EVERY_MS) return 0
  lastRepair = now
  try {
    return await db.transaction(async (trx) => {
      const lock = await trx.rawQuery('SELECT pg_try_advisory_xact_lock(hashtext(?)) AS ok', [
        'wf-failure-repair',
      ])
      if (!lock.rows[0].ok) return 0
      const result = await trx.rawQuery(
        `SELECT e.id, e.tenant_id, e.workflow_id, e.version_id, e.error FROM executions e
         WHERE e.status = 'failed'
           AND e.finished_at BETWEEN now() - interval '10 minutes' AND now() - interval '15 seconds'
           AND NOT EXISTS (SELECT 1 FROM workflow_dead_letters d WHERE d.execution_id = e.id)
         ORDER BY e.finished_at LIMIT 100`
      )
      for (const row of result.rows) {
        await onExecutionFailed(
          {
            id: Number(row.id),
            tenantId: Number(row.tenant_id),
            workflowId: Number(row.workflow_id),
            versionId: Number(row.version_id),
          },
          row.error
        )
      }
      return result.rows.length as number
    })
  } catch (error) {
    logger.warn({ err: error }, 'failure repair pass failed')
    return 0
  }
}
