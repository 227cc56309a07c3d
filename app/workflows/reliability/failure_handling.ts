/**
 * What happens when an execution fails past its handlers (retries exhausted, no error port or
 * try-catch took the error): the compensations of its succeeded steps run (compensation.ts), it lands in the dead-letter queue with its last error, input and
 * failed step; then the owner is notified (in-app + email) and the error workflow, if any, is
 * started. Called by the executor after the final checkpoint; never throws (a DLQ hiccup must
 * not turn a recorded failure into a crashed worker).
 */
import logger from '@adonisjs/core/services/logger'
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
