/**
 * Queue management (issue 5): counts per state and priority, pause/resume a workflow's
 * executions, cancel what is queued, retry failed executions in bulk, and drain. Shared by the
 * JSON API and `node ace workflow:queue`. Everything is tenant-scoped except the Redis job
 * counts (one queue per priority serves every tenant).
 *
 * Pausing is a workflow setting (`reliability.executionsPaused`): fresh executions stay queued
 * until it is lifted (concurrency.ts checks it at admission); running and waiting ones go on.
 */
import db from '@adonisjs/lucid/services/db'
import Execution from '#workflows/models/execution'
import { enqueueMany } from '#workflows/runtime/queue'
import type { Priority } from '#workflows/models/workflow'
import { cancelExecution } from '#workflows/services/execution_service'
import { retryFromFailedStep } from '#workflows/reliability/interventions'
import {
  saveWorkflowReliability,
  workflowReliability,
} from '#workflows/reliability/workflow_settings'

export interface Scope {
  tenantId?: number
  workflowId?: number
}

function scoped<Q extends { where: (...args: any[]) => Q }>(query: Q, scope: Scope) {
  if (scope.tenantId) query.where('tenant_id', scope.tenantId)
  if (scope.workflowId) query.where('workflow_id', scope.workflowId)
  return query
}

/** Executions per status and priority (unfinished ones, plus failures of the last 24 h). */
export async function stateCounts(scope: Scope) {
  const query = db
    .from('executions')
    .select('status', 'priority')
    .count('* as n')
    .where((inner) => {
      inner
        .whereIn('status', ['queued', 'running', 'waiting'])
        .orWhere((failed) =>
          failed
            .where('status', 'failed')
            .where('finished_at', '>=', new Date(Date.now() - 86_400_000))
        )
    })
    .groupBy('status', 'priority')
  const rows = await scoped(query, scope)
  const counts: Record<string, Record<Priority, number>> = {}
  for (const status of ['queued', 'running', 'waiting', 'failed']) {
    counts[status] = { high: 0, normal: 0, low: 0 }
  }
  for (const row of rows) counts[row.status][row.priority as Priority] = Number(row.n)
  return counts
}

export async function setExecutionsPaused(tenantId: number, workflowId: number, paused: boolean) {
  const current = await workflowReliability(workflowId)
  await saveWorkflowReliability(tenantId, workflowId, { ...current, executionsPaused: paused })
  if (paused) return { resumed: 0 }
  // Wake the queued ones now instead of waiting for their next re-check.
  const queued = await db
    .from('executions')
    .where({ tenant_id: tenantId, workflow_id: workflowId, status: 'queued' })
    .select('id', 'priority')
  await enqueueMany(queued.map((row) => ({ executionId: Number(row.id), priority: row.priority })))
  return { resumed: queued.length }
}

async function cancelWhere(scope: Scope, statuses: string[]) {
  const executions = await scoped(Execution.query().whereIn('status', statuses), scope)
  let cancelled = 0
  for (const execution of executions) {
    try {
      await cancelExecution(execution)
      cancelled++
    } catch {
      // It started or finished meanwhile: leave it.
    }
  }
  return cancelled
}

export async function cancelQueued(scope: Scope) {
  return { cancelled: await cancelWhere(scope, ['queued']) }
}

/** Stops the intake: everything queued or waiting is cancelled; running executions finish. */
export async function drain(scope: Scope) {
  return { cancelled: await cancelWhere(scope, ['queued', 'waiting']) }
}

/** Retries failed executions (open dead letters) from their failed step, oldest first. */
export async function retryFailed(scope: Scope & { category?: string; since?: Date }) {
  const query = db
    .from('workflow_dead_letters')
    .where('status', 'open')
    .orderBy('id')
    .limit(10_000)
    .select('execution_id')
  if (scope.category) query.where('category', scope.category)
  if (scope.since) query.where('created_at', '>=', scope.since)
  const rows = await scoped(query, scope)
  let retried = 0
  const refused: Array<{ executionId: number; reason: string }> = []
  for (const row of rows) {
    const execution = await Execution.find(row.execution_id)
    if (!execution) continue
    try {
      await retryFromFailedStep(execution)
      retried++
    } catch (error) {
      refused.push({ executionId: execution.id, reason: (error as Error).message })
    }
  }
  return { retried, refused }
}
