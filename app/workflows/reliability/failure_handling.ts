/**
 * What happens when an execution fails past its handlers (retries exhausted, no error port or
 * try-catch took the error): it lands in the dead-letter queue with its last error, input and
 * failed step. Called by the executor after the final checkpoint; never throws (a DLQ hiccup
 * must not turn a recorded failure into a crashed worker).
 */
import logger from '@adonisjs/core/services/logger'
import { recordDeadLetter } from '#workflows/reliability/dead_letters'

export interface FailedExecution {
  id: number
  tenantId: number
  workflowId: number
  versionId: number
}

export async function onExecutionFailed(execution: FailedExecution, error: unknown) {
  try {
    await recordDeadLetter(execution, (error ?? {}) as Record<string, unknown>)
  } catch (failure) {
    logger.error({ err: failure, executionId: execution.id }, 'could not dead-letter execution')
  }
}
