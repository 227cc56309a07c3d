/**
 * The queue page: bee-queue job counts per priority queue (Redis) next to the database's view of
 * the same work (executions queued / running / waiting, per workflow and per worker lease).
 *
 * The Redis counts are global (one queue per priority serves every tenant), so only the tenant's
 * admins see them; everything read from the database is scoped to the tenant.
 */
import db from '@adonisjs/lucid/services/db'
import { createQueue, QUEUE_PRIORITIES } from '#workflows/runtime/queue'

export interface QueueCounts {
  priority: string
  waiting: number
  active: number
  delayed: number
  failed: number
  succeeded: number
  error?: string
}

export interface QueueOverview {
  queues: QueueCounts[]
  workers: Array<{ worker: string; running: number; oldestLeaseExpiresAt: string | null }>
  workflows: Array<{
    id: number
    name: string
    status: string
    /** Queue management "pause": queued executions wait until resumed (running ones go on). */
    executionsPaused: boolean
    queued: number
    running: number
    waiting: number
    failed24h: number
  }>
  queued: Array<{
    id: number
    workflowId: number
    workflowName: string
    priority: string
    createdAt: string
  }>
}

/** Health of each priority queue; a Redis failure is reported per queue, not thrown. */
export async function queueCounts(): Promise<QueueCounts[]> {
  return Promise.all(
    QUEUE_PRIORITIES.map(async (priority) => {
      const queue = createQueue(priority, 'producer')
      queue.on('error', () => {})
      try {
        const health = await queue.checkHealth()
        return {
          priority,
          waiting: health.waiting,
          active: health.active,
          delayed: health.delayed,
          failed: health.failed,
          succeeded: health.succeeded,
        }
      } catch (error) {
        return {
          priority,
          waiting: 0,
          active: 0,
          delayed: 0,
          failed: 0,
          succeeded: 0,
          error: (error as Error).message,
        }
      } finally {
        await queue.close(1000).catch(() => {})
      }
    })
  )
}

export async function queueOverview(tenantId: number): Promise<QueueOverview> {
  const dayAgo = new Date(Date.now() - 24 * 3600_000)
  const [queues, workers, workflowRows, unfinished, failed, queued] = await Promise.all([
    queueCounts(),
    db
      .from('executions')
      .where('tenant_id', tenantId)
      .where('status', 'running')
      .select(db.raw(`coalesce(lease_owner, 'unleased') as worker`))
      .select(db.raw('count(*) as running'), db.raw('min(lease_expires_at) as oldest'))
      .groupByRaw('1')
      .orderBy('running', 'desc'),
    db
      .from('workflows')
      .where('tenant_id', tenantId)
      .whereNot('status', 'archived')
      .select('id', 'name', 'status', 'reliability')
      .orderBy('name')
      .limit(200),
    // Unfinished executions are few whatever the table size: the status index finds them.
    db
      .from('executions')
      .where('tenant_id', tenantId)
      .whereIn('status', ['queued', 'running', 'waiting'])
      .select('workflow_id', 'status')
      .count('* as count')
      .groupBy('workflow_id', 'status'),
    db
      .from('executions')
      .where('tenant_id', tenantId)
      .where('created_at', '>=', dayAgo)
      .where('status', 'failed')
      .select('workflow_id')
      .count('* as count')
      .groupBy('workflow_id'),
    db
      .from('executions as e')
      .join('workflows as w', 'w.id', 'e.workflow_id')
      .where('e.tenant_id', tenantId)
      .where('e.status', 'queued')
      .select('e.id', 'e.workflow_id', 'w.name', 'e.priority', 'e.created_at')
      .orderBy('e.id', 'asc')
      .limit(50),
  ])
  return {
    queues,
    workers: workers.map((row) => ({
      worker: row.worker,
      running: Number(row.running),
      oldestLeaseExpiresAt: row.oldest ? new Date(row.oldest).toISOString() : null,
    })),
    workflows: workflowRows.map((row) => {
      const id = Number(row.id)
      const count = (status: string) =>
        Number(
          unfinished.find((u) => Number(u.workflow_id) === id && u.status === status)?.count ?? 0
        )
      return {
        id,
        name: row.name,
        status: row.status,
        executionsPaused: Boolean(row.reliability?.executionsPaused),
        queued: count('queued'),
        running: count('running'),
        waiting: count('waiting'),
        failed24h: Number(failed.find((f) => Number(f.workflow_id) === id)?.count ?? 0),
      }
    }),
    queued: queued.map((row) => ({
      id: Number(row.id),
      workflowId: Number(row.workflow_id),
      workflowName: row.name,
      priority: row.priority,
      createdAt: new Date(row.created_at).toISOString(),
    })),
  }
}

/** Queue depth for the dashboard: the tenant's unfinished executions by status and priority. */
export async function queueDepth(tenantId: number) {
  const rows = await db
    .from('executions')
    .where('tenant_id', tenantId)
    .whereIn('status', ['queued', 'running', 'waiting'])
    .select('status', 'priority')
    .count('* as count')
    .groupBy('status', 'priority')
  return rows.map((row) => ({
    status: row.status as string,
    priority: row.priority as string,
    count: Number(row.count),
  }))
}
