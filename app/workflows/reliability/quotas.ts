/**
 * Per-tenant execution quotas (issue 5): `workflow_tenant_limits` caps executions per day and
 * per month (in the tenant's time zone). Starting over quota is refused and the refusal is
 * recorded in `workflow_quota_refusals` (never silently dropped); a single manual or webhook
 * start gets a clear 429 error. Tenants without limits cost one cached lookup.
 * Concurrent starters may overshoot a quota by the few executions they start at the same instant.
 */
import db from '@adonisjs/lucid/services/db'
import { WorkflowError } from '#workflows/services/workflow_error'

export interface TenantLimits {
  executionsPerDay: number | null
  executionsPerMonth: number | null
}

interface StartLike {
  tenantId: number
  workflowId: number
  triggerType: string
  triggerKey?: string | null
  input: unknown
}

const ANSWERED = new Set(['manual', 'webhook'])
const TTL_MS = 5_000
const cache = new Map<number, { at: number; value: TenantLimits | null }>()

export function clearQuotaCache() {
  cache.clear()
}

export async function tenantLimits(tenantId: number): Promise<TenantLimits | null> {
  const hit = cache.get(tenantId)
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value
  const row = await db.from('workflow_tenant_limits').where('tenant_id', tenantId).first()
  const value =
    row && (row.executions_per_day || row.executions_per_month)
      ? { executionsPerDay: row.executions_per_day, executionsPerMonth: row.executions_per_month }
      : null
  cache.set(tenantId, { at: Date.now(), value })
  return value
}

export async function saveTenantLimits(tenantId: number, limits: TenantLimits) {
  await db
    .table('workflow_tenant_limits')
    .insert({
      tenant_id: tenantId,
      executions_per_day: limits.executionsPerDay,
      executions_per_month: limits.executionsPerMonth,
      updated_at: new Date(),
    })
    .onConflict('tenant_id')
    .merge()
  cache.delete(tenantId)
}

/** Executions started today and this month, in the tenant's time zone. */
export async function quotaUsage(tenantId: number) {
  const result = await db.rawQuery(
    `SELECT
       count(*) FILTER (WHERE e.created_at >= date_trunc('day', now() AT TIME ZONE t.timezone)
         AT TIME ZONE t.timezone)::int AS day,
       count(*)::int AS month
     FROM tenants t LEFT JOIN executions e ON e.tenant_id = t.id
       AND e.created_at >= date_trunc('month', now() AT TIME ZONE t.timezone) AT TIME ZONE t.timezone
     WHERE t.id = ? GROUP BY t.id`,
    [tenantId]
  )
  const row = result.rows[0] ?? { day: 0, month: 0 }
  return { day: Number(row.day), month: Number(row.month) }
}

/**
 * Indexes of `requests` refused for quota (recorded). A lone manual/webhook request that is
 * refused throws a 429 WorkflowError instead, so the caller sees why.
 */
export async function refuseOverQuota(requests: StartLike[]): Promise<Set<number>> {
  const refused = new Set<number>()
  const tenants = [...new Set(requests.map((request) => request.tenantId))]
  for (const tenantId of tenants) {
    const limits = await tenantLimits(tenantId)
    if (!limits) continue
    const used = await quotaUsage(tenantId)
    let day = used.day
    let month = used.month
    const rows: Array<Record<string, unknown>> = []
    for (const [index, request] of requests.entries()) {
      if (request.tenantId !== tenantId) continue
      const period =
        limits.executionsPerDay && day >= limits.executionsPerDay
          ? 'day'
          : limits.executionsPerMonth && month >= limits.executionsPerMonth
            ? 'month'
            : null
      if (!period) {
        day++
        month++
        continue
      }
      refused.add(index)
      rows.push({
        tenant_id: tenantId,
        workflow_id: request.workflowId,
        trigger_type: request.triggerType,
        trigger_key: request.triggerKey ?? null,
        period,
        quota: period === 'day' ? limits.executionsPerDay : limits.executionsPerMonth,
        input: JSON.stringify(request.input ?? null),
        created_at: new Date(),
      })
    }
    if (rows.length) await db.table('workflow_quota_refusals').multiInsert(rows)
    // Someone is waiting for the answer (a person, a webhook caller): tell them. Event and
    // schedule triggers just record the refusal (throwing would make the relay retry forever).
    if (requests.length === 1 && rows.length === 1 && ANSWERED.has(requests[0].triggerType)) {
      const period = rows[0].period as string
      throw new WorkflowError(
        `The workspace has used its quota of ${rows[0].quota} executions per ${period}; new runs are refused until it resets`,
        [],
        { status: 429, code: 'E_QUOTA_EXCEEDED' }
      )
    }
  }
  return refused
}
