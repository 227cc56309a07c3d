/**
 * Scheduled and webhook triggers on the metrics page.
 *
 * Schedules: next runs (croner, via the schedule node's own `nextRuns`), the last run and its
 * result, and missed runs: ticks of the last 24 hours (since the version was published, while the
 * workflow is active) for which no execution exists. A tick is matched by the scheduler's trigger
 * key (`tick:<iso>`) or, failing that, by an execution created within two minutes after it.
 *
 * Webhooks: recent deliveries — those that started an execution, with its status and latency
 * (request received → execution finished), and those refused (`webhook_rejections`: wrong token,
 * bad signature, body too large). The signature result is "verified" when the trigger requires an
 * HMAC signature and the request passed it, "invalid" when it failed it, "unsigned" when the
 * trigger requires none, and "not checked" when the request was refused before the check.
 */
import db from '@adonisjs/lucid/services/db'
import type { GraphNode, WorkflowGraph } from '#workflows/engine/graph'
import { nextScheduleRuns, type ScheduleConfig } from '#workflows/nodes/triggers/schedule'

const MISSED_WINDOW_MS = 24 * 3600_000
const TICK_TOLERANCE_MS = 120_000

export interface ScheduleOverview {
  workflowId: number
  workflowName: string
  cron: string
  timezone: string
  nextRuns: string[]
  lastRun: { executionId: number; status: string; at: string } | null
  missedRuns: string[]
}

export interface WebhookDelivery {
  /** Null for a refused request. */
  executionId: number | null
  workflowId: number
  workflowName: string
  /** The execution's status, or 'rejected'. */
  status: string
  /** What the sender was answered: 202/200/500 for a started execution, 401/403/413 refused. */
  httpStatus: number
  receivedAt: string
  latencyMs: number | null
  signature: 'verified' | 'invalid' | 'unsigned' | 'not checked'
}

const DELIVERIES_SHOWN = 20

function triggerOf(graph: WorkflowGraph | null, type: string): GraphNode | undefined {
  return (Array.isArray(graph?.nodes) ? graph.nodes : []).find((node) => node.type === type)
}

/** Expected ticks in (from, to] that no execution accounts for. */
export function missedTicks(
  config: ScheduleConfig,
  from: Date,
  to: Date,
  runs: Array<{ triggerKey: string | null; createdAt: Date }>
): Date[] {
  const keys = new Set(runs.map((run) => run.triggerKey).filter(Boolean))
  const expected = nextScheduleRuns(config, 500, from).filter((tick) => tick <= to)
  return expected.filter((tick) => {
    if (keys.has(`tick:${tick.toISOString()}`)) return false
    const t = tick.getTime()
    return !runs.some(
      (run) => run.createdAt.getTime() >= t && run.createdAt.getTime() <= t + TICK_TOLERANCE_MS
    )
  })
}

export async function scheduleOverview(
  tenantId: number,
  workflowId?: number
): Promise<ScheduleOverview[]> {
  const query = db
    .from('workflows as w')
    .join('workflow_versions as v', 'v.id', 'w.active_version_id')
    .where('w.tenant_id', tenantId)
    .where('v.trigger_type', 'schedule')
    .select('w.id', 'w.name', 'w.status', 'v.graph', 'v.created_at as published_at')
    .orderBy('w.name')
  if (workflowId) query.where('w.id', workflowId)
  const workflows = await query
  const now = new Date()

  return Promise.all(
    workflows.map(async (row) => {
      const node = triggerOf(row.graph, 'schedule')
      const config = (node?.config ?? { cron: '', timezone: 'UTC' }) as unknown as ScheduleConfig
      const from = new Date(
        Math.max(now.getTime() - MISSED_WINDOW_MS, new Date(row.published_at).getTime())
      )
      const runs = await db
        .from('executions')
        .where('tenant_id', tenantId)
        .where('workflow_id', row.id)
        .where('trigger_type', 'schedule')
        .where('created_at', '>=', from)
        .select('id', 'status', 'trigger_key', 'created_at')
        .orderBy('id', 'desc')
        .limit(1000)
      const last =
        runs[0] ??
        (await db
          .from('executions')
          .where('tenant_id', tenantId)
          .where('workflow_id', row.id)
          .where('trigger_type', 'schedule')
          .select('id', 'status', 'created_at')
          .orderBy('id', 'desc')
          .first())
      const missed =
        row.status === 'active'
          ? missedTicks(
              config,
              from,
              new Date(now.getTime() - TICK_TOLERANCE_MS),
              runs.map((run) => ({
                triggerKey: run.trigger_key,
                createdAt: new Date(run.created_at),
              }))
            )
          : []
      return {
        workflowId: Number(row.id),
        workflowName: row.name,
        cron: config.cron,
        timezone: config.timezone,
        nextRuns:
          row.status === 'active' ? nextScheduleRuns(config, 3).map((d) => d.toISOString()) : [],
        lastRun: last
          ? {
              executionId: Number(last.id),
              status: last.status,
              at: new Date(last.created_at).toISOString(),
            }
          : null,
        missedRuns: missed.map((d) => d.toISOString()),
      }
    })
  )
}

export async function webhookDeliveries(
  tenantId: number,
  workflowId?: number
): Promise<WebhookDelivery[]> {
  const started = db
    .from('executions as e')
    .join('workflows as w', 'w.id', 'e.workflow_id')
    .join('workflow_versions as v', 'v.id', 'e.version_id')
    .where('e.tenant_id', tenantId)
    .where('e.trigger_type', 'webhook')
    .select('e.id', 'e.workflow_id', 'w.name', 'e.status', 'e.created_at', 'v.graph')
    .select(
      db.raw(`(extract(epoch from (e.finished_at - e.created_at)) * 1000)::bigint as latency_ms`)
    )
    .orderBy('e.id', 'desc')
    .limit(DELIVERIES_SHOWN)
  const refused = db
    .from('webhook_rejections as r')
    .join('workflows as w', 'w.id', 'r.workflow_id')
    .where('r.tenant_id', tenantId)
    .select('r.workflow_id', 'w.name', 'r.http_status', 'r.code', 'r.received_at')
    .orderBy('r.id', 'desc')
    .limit(DELIVERIES_SHOWN)
  if (workflowId) {
    started.where('e.workflow_id', workflowId)
    refused.where('r.workflow_id', workflowId)
  }
  const [startedRows, refusedRows] = await Promise.all([started, refused])
  const deliveries: WebhookDelivery[] = [
    ...startedRows.map((row): WebhookDelivery => {
      const config = triggerOf(row.graph, 'webhook')?.config
      const secret = config?.signatureSecret
      // "Wait for result" answers the outcome when it came in time; otherwise 202 Accepted.
      const answered =
        config?.respondMode === 'wait' && ['succeeded', 'failed'].includes(row.status)
          ? row.status === 'succeeded'
            ? 200
            : 500
          : 202
      return {
        executionId: Number(row.id),
        workflowId: Number(row.workflow_id),
        workflowName: row.name,
        status: row.status,
        httpStatus: answered,
        receivedAt: new Date(row.created_at).toISOString(),
        latencyMs: row.latency_ms === null ? null : Number(row.latency_ms),
        signature: typeof secret === 'string' && secret.length > 0 ? 'verified' : 'unsigned',
      }
    }),
    ...refusedRows.map((row): WebhookDelivery => ({
      executionId: null,
      workflowId: Number(row.workflow_id),
      workflowName: row.name,
      status: 'rejected',
      httpStatus: Number(row.http_status),
      receivedAt: new Date(row.received_at).toISOString(),
      latencyMs: null,
      signature: row.code === 'E_BAD_SIGNATURE' ? 'invalid' : 'not checked',
    })),
  ]
  return deliveries
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
    .slice(0, DELIVERIES_SHOWN)
}
