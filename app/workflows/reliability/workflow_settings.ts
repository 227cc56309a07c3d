/**
 * Workflow-level reliability settings (`workflows.reliability` jsonb): default retry policy and
 * error workflow. Read on every execution run, so cached per process for a few seconds; a
 * save through `saveWorkflowReliability` clears the entry at once.
 */
import db from '@adonisjs/lucid/services/db'

export interface WorkflowReliability {
  /** Default retry policy for the workflow's steps (see retry_policy.ts parsePolicy). */
  retry?: Record<string, unknown> | null
  /** A workflow started with the failure as input when an execution ends in the DLQ. */
  errorWorkflowId?: number | null
  /** Notify the owner (in-app + email) when an execution fails. Default true. */
  notifyOwner?: boolean
  /** At most `limit` running executions per group (workflow, or workflow + rendered `key`). */
  concurrency?: { limit?: number | null; key?: string | null } | null
  /** Queued executions wait (queue management "pause"); running and waiting ones go on. */
  executionsPaused?: boolean
}

const TTL_MS = 5_000
const cache = new Map<number, { at: number; value: WorkflowReliability }>()

export async function workflowReliability(workflowId: number): Promise<WorkflowReliability> {
  const hit = cache.get(workflowId)
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value
  const row = await db.from('workflows').where('id', workflowId).select('reliability').first()
  const value = (row?.reliability ?? {}) as WorkflowReliability
  cache.set(workflowId, { at: Date.now(), value })
  return value
}

export async function saveWorkflowReliability(
  tenantId: number,
  workflowId: number,
  value: WorkflowReliability
) {
  await db
    .from('workflows')
    .where({ id: workflowId, tenant_id: tenantId })
    .update({ reliability: JSON.stringify(value), updated_at: new Date() })
  cache.delete(workflowId)
}

export function clearReliabilityCache() {
  cache.clear()
}
