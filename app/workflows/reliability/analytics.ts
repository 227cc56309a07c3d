/**
 * Error analytics: failed steps (handled or not) of the last `days` days, counted by workflow,
 * node type, error category and day, plus how many executions ended in the dead-letter queue.
 * One scan of the tenant's failed steps, grouped four ways with GROUPING SETS.
 */
import db from '@adonisjs/lucid/services/db'

export interface FailureAnalytics {
  days: number
  total: number
  deadLettered: number
  byWorkflow: Array<{ workflowId: number; workflowName: string | null; failures: number }>
  byNodeType: Array<{ nodeType: string; failures: number }>
  byCategory: Array<{ category: string; failures: number }>
  byDay: Array<{ day: string; failures: number }>
}

export async function failureAnalytics(
  tenantId: number,
  days: number,
  workflowId?: number
): Promise<FailureAnalytics> {
  const filter = workflowId ? 'AND e.workflow_id = ?' : ''
  const bindings: Array<number> = [tenantId, days]
  if (workflowId) bindings.push(workflowId)
  const result = await db.rawQuery(
    `SELECT e.workflow_id, s.node_type, coalesce(s.error->>'category', 'internal') AS category,
        to_char(date_trunc('day', s.finished_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day,
        GROUPING(e.workflow_id) AS g_workflow, GROUPING(s.node_type) AS g_node,
        GROUPING(coalesce(s.error->>'category', 'internal')) AS g_category,
        count(*)::int AS failures
     FROM execution_steps s JOIN executions e ON e.id = s.execution_id
     WHERE s.tenant_id = ? AND s.status = 'failed'
       AND s.finished_at >= now() - (? * interval '1 day') ${filter}
     GROUP BY GROUPING SETS ((e.workflow_id), (s.node_type),
       (coalesce(s.error->>'category', 'internal')),
       (to_char(date_trunc('day', s.finished_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')), ())
     ORDER BY failures DESC`,
    bindings
  )
  const rows = result.rows as any[]
  const names = new Map<number, string>()
  const workflowIds = rows.filter((r) => r.workflow_id).map((r) => Number(r.workflow_id))
  if (workflowIds.length) {
    const found = await db.from('workflows').whereIn('id', workflowIds).select('id', 'name')
    for (const row of found) names.set(Number(row.id), row.name)
  }
  const dead = await db
    .from('workflow_dead_letters')
    .where('tenant_id', tenantId)
    .where('created_at', '>=', new Date(Date.now() - days * 86_400_000))
    .if(workflowId, (query) => query.where('workflow_id', workflowId!))
    .count('* as n')
    .first()
  const total = rows.find(
    (r) => r.g_workflow === 1 && r.g_node === 1 && r.g_category === 1 && r.day === null
  )
  return {
    days,
    total: total?.failures ?? 0,
    deadLettered: Number(dead?.n ?? 0),
    byWorkflow: rows
      .filter((r) => r.g_workflow === 0)
      .map((r) => ({
        workflowId: Number(r.workflow_id),
        workflowName: names.get(Number(r.workflow_id)) ?? null,
        failures: r.failures,
      })),
    byNodeType: rows
      .filter((r) => r.g_node === 0)
      .map((r) => ({ nodeType: r.node_type, failures: r.failures })),
    byCategory: rows
      .filter((r) => r.g_category === 0)
      .map((r) => ({ category: r.category, failures: r.failures })),
    byDay: rows
      .filter((r) => r.day !== null)
      .map((r) => ({ day: r.day, failures: r.failures }))
      .sort((a, b) => a.day.localeCompare(b.day)),
  }
}
