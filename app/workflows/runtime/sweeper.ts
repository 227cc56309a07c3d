/**
 * Repairs what the queue can lose: executions still `queued` a while after creation (the job was
 * never saved, or Redis lost it), `running` ones whose lease expired (their worker died) and
 * `waiting` ones whose delay is due but whose delayed job is gone. Re-enqueueing is idempotent
 * (deterministic job ids), so every worker may sweep.
 */
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import { enqueueExecution, jobIdFor, queueName } from '#workflows/runtime/queue'
import type { Priority } from '#workflows/models/workflow'
import { repairUnhandledFailures } from '#workflows/reliability/failure_handling'

export async function sweepOnce(graceMs: number, limit = 500): Promise<number> {
  // Failed executions whose failure hooks were lost with their worker (issue 5).
  await repairUnhandledFailures()
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
  const rows = result.rows as Array<{ id: number; priority: Priority }>
  if (rows.length === 0) return 0
  // Skip executions whose job is still in the queue (a long backlog is not a lost job).
  const pipeline = redis.pipeline()
  for (const row of rows) {
    pipeline.hexists(`bq:${queueName(row.priority)}:jobs`, jobIdFor(Number(row.id)))
  }
  const present = (await pipeline.exec()) ?? []
  let enqueued = 0
  for (const [index, row] of rows.entries()) {
    if (present[index]?.[1] === 1) continue
    await enqueueExecution(Number(row.id), row.priority)
    enqueued++
  }
  return enqueued
}
