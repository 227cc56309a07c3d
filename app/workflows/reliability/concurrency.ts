/**
 * Concurrency limits (issue 5): `workflows.reliability.concurrency = { limit, key? }`. At most
 * `limit` executions of a group hold a slot (queued-and-admitted, running or waiting); the group
 * is the workflow, or the workflow + the rendered `key` expression (e.g. `{{deal.id}}`: one
 * execution at a time per deal). Excess executions stay queued and start in order (oldest
 * first) as slots free: a deferred execution is re-checked by a delayed job.
 *
 * The check runs when a worker picks up a fresh execution (runtime/executor.ts), under a
 * transaction-scoped advisory lock per group, so two workers cannot both take the last slot.
 * Workflows without a limit cost nothing (settings are cached per process).
 */
import db from '@adonisjs/lucid/services/db'
import { renderTemplate } from '#workflows/engine/expressions'
import { entityAlias } from '#workflows/engine/compiled_graph'
import type { ExpressionContext } from '#workflows/engine/context'
import { enqueueExecution } from '#workflows/runtime/queue'
import type { Priority } from '#workflows/models/workflow'
import { workflowReliability } from '#workflows/reliability/workflow_settings'

export const concurrencySettings = {
  /** How soon a deferred execution looks for a free slot again. */
  recheckMs: Number(process.env.WORKFLOW_CONCURRENCY_RECHECK_MS ?? 250),
}

const PAUSED_RECHECK_MS = 5_000

export interface ConcurrencySettings {
  limit?: number | null
  key?: string | null
}

interface Candidate {
  id: number
  workflowId: number
  input: unknown
  priority: Priority
}

/** The group of an execution: `<workflowId>` or `<workflowId>|<rendered key>`. */
export function groupKey(
  workflowId: number,
  keyTemplate: string | null | undefined,
  input: unknown
) {
  if (!keyTemplate) return String(workflowId)
  const context: ExpressionContext = { trigger: input, steps: {}, vars: {} }
  const alias = entityAlias(input)
  if (alias) context[alias.name] = alias.entity
  // A stored domain event: { aggregateType, payload: { entity } } → {{deal.id}}.
  const event = input as { aggregateType?: unknown; payload?: { entity?: unknown } } | null
  if (typeof event?.aggregateType === 'string' && event.payload?.entity !== undefined) {
    context[event.aggregateType] ??= event.payload.entity
  }
  let rendered: string
  try {
    rendered = renderTemplate(keyTemplate, context)
  } catch {
    rendered = ''
  }
  return `${workflowId}|${rendered}`.slice(0, 250)
}

/**
 * True when the execution may start now (it then holds a slot). False: it stays queued and a
 * delayed job brings it back.
 */
export async function admitExecution(execution: Candidate): Promise<boolean> {
  const reliability = await workflowReliability(execution.workflowId)
  if (reliability.executionsPaused) {
    // Paused by queue management: look again later (resume wakes them at once).
    await enqueueExecution(execution.id, execution.priority, Date.now() + PAUSED_RECHECK_MS)
    return false
  }
  const settings: ConcurrencySettings | null | undefined = reliability.concurrency
  const limit = Number(settings?.limit)
  if (!Number.isFinite(limit) || limit < 1) return true
  const key = groupKey(execution.workflowId, settings?.key, execution.input)
  const admitted = await db.transaction(async (trx) => {
    await trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', [`wf-slot:${key}`])
    const counts = await trx.rawQuery(
      `SELECT
         (SELECT count(*) FROM executions WHERE workflow_id = ? AND concurrency_key = ?
            AND holds_slot AND status IN ('queued', 'running', 'waiting') AND id <> ?)::int AS held,
         (SELECT count(*) FROM executions WHERE workflow_id = ? AND status = 'queued'
            AND NOT holds_slot AND id < ?
            AND (concurrency_key = ? OR concurrency_key IS NULL))::int AS ahead,
         (SELECT holds_slot FROM executions WHERE id = ?) AS mine`,
      [
        execution.workflowId,
        key,
        execution.id,
        execution.workflowId,
        execution.id,
        key,
        execution.id,
      ]
    )
    const { held, ahead, mine } = counts.rows[0]
    if (mine) return true
    // Oldest first: queued executions of the group that came earlier take the free slots.
    const ok = held + ahead < limit
    // updated_at: a deferred execution was just looked at and has its recheck job, so the
    // sweeper (which re-enqueues queued rows untouched for a while) leaves it alone.
    await trx.rawQuery(
      `UPDATE executions SET concurrency_key = ?, holds_slot = ?, updated_at = now()
       WHERE id = ? AND status = 'queued'`,
      [key, ok, execution.id]
    )
    return ok
  })
  if (!admitted) {
    const jitter = Math.floor(Math.random() * concurrencySettings.recheckMs)
    await enqueueExecution(
      execution.id,
      execution.priority,
      Date.now() + concurrencySettings.recheckMs + jitter
    )
  }
  return admitted
}
