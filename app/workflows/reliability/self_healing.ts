/**
 * Self-healing (issue 5): when the breaker of a target closes again (its half-open probe
 * succeeded), the tenant's dead-lettered executions that failed on that target with a retryable
 * category are retried from their failed step, oldest first. A worker crash needs nothing here:
 * the lease expires and the sweeper re-enqueues (runtime).
 */
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import Execution from '#workflows/models/execution'
import { retryFromFailedStep } from '#workflows/reliability/interventions'
import { RETRYABLE } from '#workflows/reliability/retry_policy'

export async function healTarget(tenantId: number, host: string): Promise<number[]> {
  const rows = await db
    .from('workflow_dead_letters')
    .where({ tenant_id: tenantId, status: 'open' })
    .whereIn('category', RETRYABLE)
    .where((query) => {
      query.whereRaw(`error->'details'->>'breakerHost' = ?`, [host]).orWhere((http) => {
        http.where('node_type', 'http_request').whereRaw(`message LIKE ?`, [`HTTP % from ${host}`])
      })
    })
    .orderBy('id')
    .limit(500)
    .select('execution_id')
  const retried: number[] = []
  for (const row of rows) {
    const execution = await Execution.find(row.execution_id)
    if (!execution || execution.status !== 'failed') continue
    try {
      await retryFromFailedStep(execution)
      retried.push(execution.id)
    } catch (error) {
      logger.warn({ err: error, executionId: execution.id }, 'self-healing retry refused')
    }
  }
  if (retried.length) logger.info({ tenantId, host, retried }, 'self-healing: retried executions')
  return retried
}
