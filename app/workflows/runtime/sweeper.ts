/**
 * Repairs what the queue can lose: executions still `queued` a while after creation (the job was
 * never saved, or Redis lost it), `running` ones whose lease expired (their worker died) and
 * `waiting` ones whose delay is due but whose delayed job is gone. Re-enqueueing is idempotent
 * (deterministic job ids), so every worker may sweep.
 */
import db from '@adonisjs/lucid/services/db'
import { enqueueExecution } from '#workflows/runtime/queue'
import type { Priority } from '#workflows/models/workflow'

export async function sweepOnce(graceMs: number, limit = 500): Promise<number> {
  const result = await db.rawQuery(
    `SELECT id, priority FROM executions
     WHERE (status = 'queued' AND updated_at < now() - (? * interval '1 millisecond'))
        OR (status = 'running' AND lease_expires_at < now())
     UNION
     SELECT e.id, e.priority FROM execution_waits w JOIN executions e ON e.id = w.execution_id
     WHERE w.status = 'pending' AND w.resume_at < now() - (? * interval '1 millisecond')
       AND e.status = 'waiting'
     LIMIT ?`,
    [graceMs, graceMs, limit]
  )
  for (const row of result.rows as Array<{ id: number; priority: Priority }>) {
    await enqueueExecution(Number(row.id), row.priority)
  }
  return result.rows.length
}
