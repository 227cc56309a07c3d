/**
 * Metrics dashboard queries, per tenant or per workflow, over a time range: executions over time by
 * status, success rate, p50/p95 duration, slowest nodes and most frequent errors by category.
 * Buckets are computed in the viewer's time zone so "days" are the user's days.
 */
import db from '@adonisjs/lucid/services/db'

export const METRIC_RANGES = {
  '24h': { hours: 24, bucket: 'hour' },
  '7d': { hours: 24 * 7, bucket: 'day' },
  '30d': { hours: 24 * 30, bucket: 'day' },
} as const
export type MetricRange = keyof typeof METRIC_RANGES

export interface MetricsQuery {
  range: MetricRange
  workflowId?: number
  timezone: string
}

export interface WorkflowMetrics {
  range: MetricRange
  bucket: 'hour' | 'day'
  since: string
  series: Array<{ bucket: string; status: string; count: number }>
  totals: Record<string, number>
  successRate: number | null
  p50Ms: number | null
  p95Ms: number | null
  slowestNodes: Array<{
    workflowId: number
    workflowName: string
    nodeId: string
    nodeName: string
    nodeType: string
    runs: number
    avgMs: number
    p95Ms: number
  }>
  errors: Array<{ category: string; count: number; sample: string | null }>
}

const num = (value: unknown) => (value === null || value === undefined ? null : Number(value))

export async function workflowMetrics(tenantId: number, q: MetricsQuery): Promise<WorkflowMetrics> {
  const { hours, bucket } = METRIC_RANGES[q.range]
  const since = new Date(Date.now() - hours * 3600_000)
  const scoped = (alias: string) => {
    const query = db
      .from(`executions as ${alias}`)
      .where(`${alias}.tenant_id`, tenantId)
      .where(`${alias}.created_at`, '>=', since)
    if (q.workflowId) query.where(`${alias}.workflow_id`, q.workflowId)
    return query
  }

  const [seriesRows, durationRow, nodeRows, errorRows] = await Promise.all([
    scoped('e')
      .select(
        db.raw(`date_trunc(?, e.created_at AT TIME ZONE ?) as bucket`, [bucket, q.timezone]),
        'e.status'
      )
      .count('* as count')
      .groupByRaw('1, 2')
      .orderByRaw('1'),
    scoped('e')
      .whereNotNull('e.finished_at')
      .whereNotNull('e.started_at')
      .select(
        db.raw(`percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch from
          (e.finished_at - e.started_at)) * 1000) as p50`),
        db.raw(`percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch from
          (e.finished_at - e.started_at)) * 1000) as p95`)
      )
      .first(),
    scoped('e')
      .join('execution_steps as s', 's.execution_id', 'e.id')
      .join('workflows as w', 'w.id', 'e.workflow_id')
      .whereNotNull('s.duration_ms')
      .select('e.workflow_id', 'w.name as workflow_name', 's.node_id', 's.node_type')
      .select(
        db.raw('count(*) as runs'),
        db.raw('avg(s.duration_ms) as avg_ms'),
        db.raw('percentile_cont(0.95) WITHIN GROUP (ORDER BY s.duration_ms) as p95_ms')
      )
      .groupBy('e.workflow_id', 'w.name', 's.node_id', 's.node_type')
      .orderBy('p95_ms', 'desc')
      .limit(10),
    scoped('e')
      .whereNotNull('e.error')
      .select(db.raw(`coalesce(e.error->>'category', 'internal') as category`))
      .select(db.raw('count(*) as count'))
      .select(db.raw(`(array_agg(left(e.error->>'message', 200) ORDER BY e.id DESC))[1] as sample`))
      .groupByRaw('1')
      .orderBy('count', 'desc'),
  ])

  const graphs = await graphsOf(nodeRows.map((row) => Number(row.workflow_id)))
  const totals: Record<string, number> = {}
  const series = seriesRows.map((row) => {
    const count = Number(row.count)
    totals[row.status] = (totals[row.status] ?? 0) + count
    // `bucket` is a local timestamp without zone: format it as such.
    const local = row.bucket instanceof Date ? row.bucket : new Date(row.bucket)
    return { bucket: formatLocal(local), status: row.status as string, count }
  })
  const finished = (totals.succeeded ?? 0) + (totals.failed ?? 0) + (totals.cancelled ?? 0)

  return {
    range: q.range,
    bucket,
    since: since.toISOString(),
    series,
    totals,
    successRate: finished ? (totals.succeeded ?? 0) / finished : null,
    p50Ms: num(durationRow?.p50),
    p95Ms: num(durationRow?.p95),
    slowestNodes: nodeRows.map((row) => ({
      workflowId: Number(row.workflow_id),
      workflowName: row.workflow_name,
      nodeId: row.node_id,
      nodeName: nodeName(graphs.get(Number(row.workflow_id)), row.node_id) ?? row.node_id,
      nodeType: row.node_type,
      runs: Number(row.runs),
      avgMs: Math.round(Number(row.avg_ms)),
      p95Ms: Math.round(Number(row.p95_ms)),
    })),
    errors: errorRows.map((row) => ({
      category: row.category,
      count: Number(row.count),
      sample: row.sample ?? null,
    })),
  }
}

/** Draft graphs, for node names (ids are stable across versions). */
async function graphsOf(workflowIds: number[]) {
  const ids = [...new Set(workflowIds)]
  const rows = ids.length
    ? await db.from('workflows').whereIn('id', ids).select('id', 'draft_graph')
    : []
  return new Map(rows.map((row) => [Number(row.id), row.draft_graph as unknown]))
}

function nodeName(graph: unknown, nodeId: string): string | null {
  const nodes = (graph as { nodes?: Array<{ id: string; name?: string }> })?.nodes
  return Array.isArray(nodes) ? (nodes.find((n) => n.id === nodeId)?.name ?? null) : null
}

/**
 * The node-postgres driver reads `timestamp without time zone` as a local Date of the server
 * process; reading the local fields back gives the wall-clock bucket.
 */
function formatLocal(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(
    date.getHours()
  )}:${pad(date.getMinutes())}`
}
