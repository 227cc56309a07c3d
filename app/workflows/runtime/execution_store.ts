/**
 * SQL of the durable runtime. Written as raw statements on purpose: each checkpoint is ONE round
 * trip (a writable CTE renews the lease, fences out a worker that lost it or a cancelled execution,
 * and upserts the step rows), which is where the runtime's throughput comes from.
 */
import db from '@adonisjs/lucid/services/db'
import { preparedQuery } from '#core/database/prepared_query'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { ExecutionStatus } from '#workflows/models/execution'
import type { Priority } from '#workflows/models/workflow'
import type { ExecutionStepStatus } from '#workflows/models/execution_step'

export interface NewExecution {
  tenantId: number
  workflowId: number
  versionId: number
  triggerType: string
  triggerKey?: string | null
  priority: Priority
  input: unknown
  startedBy?: number | null
}

export interface LeasedExecution {
  id: number
  tenantId: number
  workflowId: number
  versionId: number
  input: unknown
  stepCount: number
  priority: Priority
  triggerType: string
}

export interface StepRow {
  nodeId: string
  nodeType: string
  scopeKey: string
  status: ExecutionStepStatus
  attempt: number
  seq: number
  input?: unknown
  output?: unknown
  port?: string | null
  error?: unknown
  startedAt?: string | null
  finishedAt?: string | null
  durationMs?: number | null
}

export interface LoadedStep {
  id: number
  nodeId: string
  nodeType: string
  scopeKey: string
  status: ExecutionStepStatus
  attempt: number
  output: unknown
  port: string | null
  error: Record<string, unknown> | null
}

export interface Transition {
  status: Extract<ExecutionStatus, 'succeeded' | 'failed' | 'waiting' | 'queued'>
  output?: unknown
  error?: unknown
}

const toJson = (value: unknown) => (value === undefined ? null : JSON.stringify(value))

/**
 * Inserts executions; rows whose (version, trigger key) already exists are skipped (that is the
 * exactly-once guarantee of event, schedule and keyed webhook triggers). Returns the new ids in
 * input order, null for duplicates.
 */
export async function insertExecutions(
  rows: NewExecution[],
  client: QueryClientContract = db.connection()
): Promise<Array<number | null>> {
  if (rows.length === 0) return []
  const payload = rows.map((row, index) => ({
    i: index,
    tenant_id: row.tenantId,
    workflow_id: row.workflowId,
    version_id: row.versionId,
    trigger_type: row.triggerType,
    trigger_key: row.triggerKey ?? null,
    priority: row.priority,
    input: row.input ?? {},
    started_by: row.startedBy ?? null,
  }))
  const created = await preparedQuery<{ id: number; version_id: number; trigger_key: string }>(
    client,
    `INSERT INTO executions (tenant_id, workflow_id, version_id, status, trigger_type, trigger_key,
        priority, input, started_by, created_at, updated_at)
     SELECT r.tenant_id, r.workflow_id, r.version_id, 'queued', r.trigger_type, r.trigger_key,
        r.priority, r.input, r.started_by, now(), now()
     FROM jsonb_to_recordset($1::jsonb) AS r(i int, tenant_id bigint, workflow_id bigint,
        version_id bigint, trigger_type text, trigger_key text, priority text, input jsonb,
        started_by bigint)
     ORDER BY r.i
     ON CONFLICT (version_id, trigger_key) DO NOTHING
     RETURNING id, version_id, trigger_key`,
    [JSON.stringify(payload)]
  )
  if (created.length === rows.length) return created.map((row) => Number(row.id))
  // Some were duplicates: match the created ones back by (version, key).
  const byKey = new Map(created.map((row) => [`${row.version_id}|${row.trigger_key}`, row.id]))
  const unkeyed = created.filter((row) => row.trigger_key === null).map((row) => row.id)
  return rows.map((row) => {
    if (!row.triggerKey) return Number(unkeyed.shift() ?? null) || null
    const id = byKey.get(`${row.versionId}|${row.triggerKey}`)
    return id === undefined ? null : Number(id)
  })
}

/**
 * Claims an execution for `owner`: queued, or running with an expired lease (its worker died), or
 * waiting with a due delay. Returns null when someone else holds it or there is nothing to do.
 */
export async function leaseExecution(
  executionId: number,
  owner: string,
  leaseMs: number
): Promise<LeasedExecution | null> {
  const rows = await preparedQuery<any>(
    db.connection(),
    `UPDATE executions SET status = 'running', lease_owner = $1,
        lease_expires_at = now() + ($2::int * interval '1 millisecond'),
        started_at = coalesce(started_at, now()), updated_at = now()
     WHERE id = $3 AND (
       (status IN ('queued', 'running')
         AND (lease_expires_at IS NULL OR lease_expires_at < now() OR lease_owner = $1))
       OR (status = 'waiting' AND EXISTS (
         SELECT 1 FROM execution_waits w WHERE w.execution_id = executions.id
           AND w.status = 'pending' AND w.resume_at <= now())))
     RETURNING id, tenant_id, workflow_id, version_id, input, step_count, priority, trigger_type`,
    [owner, Math.floor(leaseMs), executionId]
  )
  const row = rows[0]
  if (!row) return null
  return {
    id: Number(row.id),
    tenantId: Number(row.tenant_id),
    workflowId: Number(row.workflow_id),
    versionId: Number(row.version_id),
    input: row.input,
    stepCount: row.step_count,
    priority: row.priority,
    triggerType: row.trigger_type,
  }
}

/**
 * Reads an execution without claiming it. A fresh one (queued, no steps) is run optimistically:
 * its pure steps run in memory and the first checkpoint claims it (`checkpoint({ acquire })`).
 */
export async function peekExecution(
  executionId: number
): Promise<(LeasedExecution & { status: string }) | null> {
  const rows = await preparedQuery<any>(
    db.connection(),
    `SELECT id, tenant_id, workflow_id, version_id, input, step_count, priority, trigger_type,
        status
     FROM executions WHERE id = $1`,
    [executionId]
  )
  const row = rows[0]
  if (!row) return null
  return {
    id: Number(row.id),
    tenantId: Number(row.tenant_id),
    workflowId: Number(row.workflow_id),
    versionId: Number(row.version_id),
    input: row.input,
    stepCount: row.step_count,
    priority: row.priority,
    triggerType: row.trigger_type,
    status: row.status,
  }
}

export async function loadSteps(executionId: number): Promise<LoadedStep[]> {
  const rows = await preparedQuery<any>(
    db.connection(),
    `SELECT id, node_id, node_type, scope_key, status, attempt, output, port, error
     FROM execution_steps WHERE execution_id = $1 ORDER BY seq, id`,
    [executionId]
  )
  return rows.map((row: any) => ({
    id: Number(row.id),
    nodeId: row.node_id,
    nodeType: row.node_type,
    scopeKey: row.scope_key,
    status: row.status,
    attempt: row.attempt,
    output: row.output,
    port: row.port,
    error: row.error,
  }))
}

/**
 * One checkpoint: renews the lease (or applies `transition`) and upserts `steps`, in ONE statement.
 * Returns false when the lease is gone (another worker took over, or the execution was cancelled):
 * the caller must stop advancing it. Inside a transaction the effect of the step commits with it.
 */
export async function checkpoint(
  client: QueryClientContract,
  input: {
    executionId: number
    owner: string
    leaseMs: number
    steps: StepRow[]
    transition?: Transition
    /**
     * Claim the execution in this same statement (it must be queued, or running with an expired
     * lease): a fresh execution's first checkpoint is also its lease, one commit instead of two.
     */
    acquire?: boolean
  }
): Promise<boolean> {
  const { transition } = input
  const finished = transition && ['succeeded', 'failed'].includes(transition.status)
  // Values are always parameters: the statement's text depends only on its shape (claim or not,
  // transition or not, steps or not), so each shape is one prepared statement per session.
  const values: unknown[] = [input.executionId, input.steps.length]
  const param = (value: unknown) => `$${values.push(value)}`
  const sets = [`updated_at = now()`, `step_count = step_count + $2`]
  if (transition) {
    sets.push(`status = ${param(transition.status)}::execution_status`)
    sets.push('lease_owner = NULL, lease_expires_at = NULL')
    sets.push(`output = ${param(toJson(transition.output ?? null))}::jsonb`)
    sets.push(`error = ${param(toJson(transition.error ?? null))}::jsonb`)
    if (finished) sets.push('finished_at = clock_timestamp()')
  } else {
    sets.push(
      `lease_expires_at = now() + (${param(Math.floor(input.leaseMs))}::int * interval '1 millisecond')`
    )
    if (input.acquire) sets.push(`status = 'running', lease_owner = ${param(input.owner)}`)
  }
  if (input.acquire) sets.push('started_at = coalesce(started_at, now())')
  const where = input.acquire
    ? `id = $1 AND (status = 'queued' OR (status = 'running' AND lease_expires_at < now()))`
    : `id = $1 AND lease_owner = ${param(input.owner)} AND status = 'running'`
  if (input.steps.length === 0) {
    const rows = await preparedQuery(
      client,
      `UPDATE executions SET ${sets.join(', ')} WHERE ${where} RETURNING id`,
      values
    )
    return rows.length === 1
  }
  const steps = input.steps.map((step) => ({
    node_id: step.nodeId,
    node_type: step.nodeType,
    scope_key: step.scopeKey,
    status: step.status,
    attempt: step.attempt,
    seq: step.seq,
    input: step.input ?? null,
    output: step.output ?? null,
    port: step.port ?? null,
    error: step.error ?? null,
    started_at: step.startedAt ?? null,
    finished_at: step.finishedAt ?? null,
    duration_ms: step.durationMs ?? null,
  }))
  const rows = await preparedQuery<{ leased: number }>(
    client,
    `WITH lease AS (
       UPDATE executions SET ${sets.join(', ')}
       WHERE ${where}
       RETURNING id, tenant_id
     ), written AS (
       INSERT INTO execution_steps (tenant_id, execution_id, node_id, node_type, scope_key,
         idempotency_key, status, attempt, seq, input, output, port, error, started_at,
         finished_at, duration_ms)
       SELECT lease.tenant_id, lease.id, r.node_id, r.node_type, r.scope_key,
         lease.id || ':' || r.node_id || ':' || r.scope_key, r.status::execution_step_status,
         r.attempt, r.seq, r.input, r.output, r.port, r.error, r.started_at, r.finished_at,
         r.duration_ms
       FROM lease, jsonb_to_recordset(${param(JSON.stringify(steps))}::jsonb) AS r(node_id text,
         node_type text, scope_key text, status text, attempt int, seq int, input jsonb,
         output jsonb, port text, error jsonb, started_at timestamptz, finished_at timestamptz,
         duration_ms int)
       ON CONFLICT (idempotency_key) DO UPDATE SET status = EXCLUDED.status,
         attempt = EXCLUDED.attempt, input = EXCLUDED.input, output = EXCLUDED.output,
         port = EXCLUDED.port, error = EXCLUDED.error, started_at = EXCLUDED.started_at,
         finished_at = EXCLUDED.finished_at, duration_ms = EXCLUDED.duration_ms
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM lease)::int AS leased, (SELECT count(*) FROM written)::int AS n`,
    values
  )
  return rows[0].leased === 1
}

/** Extends the lease while a long step runs. False when the lease is gone. */
export async function renewLease(executionId: number, owner: string, leaseMs: number) {
  return checkpoint(db.connection(), { executionId, owner, leaseMs, steps: [] })
}

/** Gives an execution back to the queue (graceful shutdown). */
export async function releaseLease(executionId: number, owner: string) {
  const result = await db.rawQuery(
    `UPDATE executions SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL,
        updated_at = now()
     WHERE id = ? AND lease_owner = ? AND status = 'running' RETURNING id`,
    [executionId, owner]
  )
  return result.rows.length === 1
}

export interface DueWait {
  id: number
  nodeId: string
  scopeKey: string
  kind: string
  resumeAt: Date | null
  due: boolean
  payload: Record<string, unknown> | null
}

export async function pendingWaits(executionId: number): Promise<DueWait[]> {
  const result = await db.rawQuery(
    `SELECT id, node_id, scope_key, kind, resume_at, payload, (resume_at <= now()) AS due
     FROM execution_waits WHERE execution_id = ? AND status = 'pending'`,
    [executionId]
  )
  return result.rows.map((row: any) => ({
    id: Number(row.id),
    nodeId: row.node_id,
    scopeKey: row.scope_key,
    kind: row.kind,
    resumeAt: row.resume_at ? new Date(row.resume_at) : null,
    due: row.due === true,
    payload: row.payload,
  }))
}

export async function insertWaits(
  client: QueryClientContract,
  tenantId: number,
  executionId: number,
  waits: Array<{
    nodeId: string
    scopeKey: string
    kind: string
    resumeAt: string | null
    payload: unknown
  }>
) {
  if (waits.length === 0) return
  await client.rawQuery(
    `INSERT INTO execution_waits (tenant_id, execution_id, node_id, scope_key, kind, resume_at,
        payload, status, created_at)
     SELECT ?, ?, r.node_id, r.scope_key, r.kind, r.resume_at, r.payload, 'pending', now()
     FROM jsonb_to_recordset(?::jsonb) AS r(node_id text, scope_key text, kind text,
        resume_at timestamptz, payload jsonb)
     ON CONFLICT (execution_id, node_id, scope_key) DO UPDATE SET status = 'pending',
        kind = EXCLUDED.kind, resume_at = EXCLUDED.resume_at, payload = EXCLUDED.payload,
        resumed_at = NULL`,
    [
      tenantId,
      executionId,
      JSON.stringify(
        waits.map((wait) => ({
          node_id: wait.nodeId,
          scope_key: wait.scopeKey,
          kind: wait.kind,
          resume_at: wait.resumeAt,
          payload: wait.payload ?? null,
        }))
      ),
    ]
  )
}

export async function markWaitsResumed(client: QueryClientContract, waitIds: number[]) {
  if (waitIds.length === 0) return
  await client.rawQuery(
    `UPDATE execution_waits SET status = 'resumed', resumed_at = now() WHERE id = ANY(?::bigint[])`,
    [`{${waitIds.join(',')}}`]
  )
}
