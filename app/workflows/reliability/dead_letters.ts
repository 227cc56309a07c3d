/**
 * The dead-letter queue: executions that failed past all handling. One row per execution (a
 * retried execution that fails again re-opens its row). Listing, inspecting, replaying and
 * purging are shared by the ace commands (workflow:dlq:*) and the JSON API.
 */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

export interface DeadLetter {
  id: number
  tenantId: number
  executionId: number
  workflowId: number
  workflowName: string | null
  versionId: number
  nodeId: string | null
  nodeType: string | null
  category: string
  message: string
  error: Record<string, unknown>
  input: unknown
  status: 'open' | 'resolved'
  resolution: string | null
  replayExecutionId: number | null
  createdAt: Date
  resolvedAt: Date | null
}

export interface DeadLetterFilters {
  tenantId?: number
  workflowId?: number
  category?: string
  since?: Date
  status?: 'open' | 'resolved' | 'all'
  limit?: number
  afterId?: number
}

export async function recordDeadLetter(
  execution: { id: number; tenantId: number; workflowId: number; versionId: number },
  error: Record<string, unknown>
) {
  const nodeId = typeof error.nodeId === 'string' ? error.nodeId : null
  await db.rawQuery(
    `INSERT INTO workflow_dead_letters (tenant_id, execution_id, workflow_id, version_id, node_id,
        node_type, category, message, error, input, status, created_at)
     SELECT e.tenant_id, e.id, e.workflow_id, e.version_id, ?::text,
        (SELECT s.node_type FROM execution_steps s WHERE s.execution_id = e.id AND s.node_id = ?::text
          ORDER BY s.seq DESC LIMIT 1),
        ?, ?, ?::jsonb, e.input, 'open', now()
     FROM executions e WHERE e.id = ?
     ON CONFLICT (execution_id) DO UPDATE SET status = 'open', resolution = NULL,
        resolved_at = NULL, node_id = EXCLUDED.node_id, node_type = EXCLUDED.node_type,
        category = EXCLUDED.category, message = EXCLUDED.message, error = EXCLUDED.error,
        input = EXCLUDED.input, created_at = now()`,
    [
      nodeId,
      nodeId,
      typeof error.category === 'string' ? error.category : 'internal',
      typeof error.message === 'string' ? error.message : 'The execution failed',
      JSON.stringify(error),
      execution.id,
    ]
  )
}

function fromRow(row: any): DeadLetter {
  return {
    id: Number(row.id),
    tenantId: Number(row.tenant_id),
    executionId: Number(row.execution_id),
    workflowId: Number(row.workflow_id),
    workflowName: row.workflow_name ?? null,
    versionId: Number(row.version_id),
    nodeId: row.node_id,
    nodeType: row.node_type,
    category: row.category,
    message: row.message,
    error: row.error,
    input: row.input,
    status: row.status,
    resolution: row.resolution,
    replayExecutionId: row.replay_execution_id ? Number(row.replay_execution_id) : null,
    createdAt: new Date(row.created_at),
    resolvedAt: row.resolved_at ? new Date(row.resolved_at) : null,
  }
}

function baseQuery(client: QueryClientContract = db.connection()) {
  return client
    .from('workflow_dead_letters as d')
    .leftJoin('workflows as w', 'w.id', 'd.workflow_id')
    .select('d.*', 'w.name as workflow_name')
}

/** Newest first; keyset paging with `afterId` (ids below it). */
export async function listDeadLetters(filters: DeadLetterFilters = {}): Promise<DeadLetter[]> {
  const query = baseQuery()
    .orderBy('d.id', 'desc')
    .limit(filters.limit ?? 50)
  if (filters.tenantId) query.where('d.tenant_id', filters.tenantId)
  if (filters.workflowId) query.where('d.workflow_id', filters.workflowId)
  if (filters.category) query.where('d.category', filters.category)
  if (filters.since) query.where('d.created_at', '>=', filters.since)
  if (filters.afterId) query.where('d.id', '<', filters.afterId)
  const status = filters.status ?? 'open'
  if (status !== 'all') query.where('d.status', status)
  const rows = await query
  return rows.map(fromRow)
}

export async function findDeadLetter(id: number, tenantId?: number): Promise<DeadLetter | null> {
  const query = baseQuery().where('d.id', id)
  if (tenantId) query.where('d.tenant_id', tenantId)
  const row = await query.first()
  return row ? fromRow(row) : null
}

/** Marks the dead letter of `executionId` resolved (retried, skipped, replayed). */
export async function resolveDeadLetter(
  executionId: number,
  resolution: 'retried' | 'skipped' | 'replayed',
  replayExecutionId: number | null = null,
  client: QueryClientContract = db.connection()
) {
  await client
    .from('workflow_dead_letters')
    .where('execution_id', executionId)
    .where('status', 'open')
    .update({
      status: 'resolved',
      resolution,
      replay_execution_id: replayExecutionId,
      resolved_at: new Date(),
    })
}

/** Deletes dead letters created before `before` (resolved and open alike). Returns the count. */
export async function purgeDeadLetters(before: Date, tenantId?: number): Promise<number> {
  const query = db.from('workflow_dead_letters').where('created_at', '<', before)
  if (tenantId) query.where('tenant_id', tenantId)
  const deleted = await query.delete()
  return Array.isArray(deleted) ? deleted.length : Number(deleted)
}
