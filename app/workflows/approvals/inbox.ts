/**
 * Read side of the approval inbox: my pending requests (with the workflow, the execution, the
 * record they are about, the decisions so far and any escalation) and the history of my
 * decisions, including requests that were reassigned away from me.
 */
import db from '@adonisjs/lucid/services/db'
import type { InboxDecision, InboxEscalation, InboxRequest } from '#workflows/approvals/types'

const ALIVE = new Set(['waiting', 'running', 'queued'])

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null)

async function decisionsOf(requestIds: number[]) {
  const map = new Map<number, InboxDecision[]>()
  if (requestIds.length === 0) return map
  const rows = await db
    .from('approval_decisions as d')
    .join('users as u', 'u.id', 'd.user_id')
    .whereIn('d.request_id', requestIds)
    .orderBy('d.id')
    .select('d.*', 'u.full_name', 'u.email')
  for (const row of rows) {
    const list = map.get(Number(row.request_id)) ?? []
    list.push({
      userId: Number(row.user_id),
      name: row.full_name ?? row.email,
      decision: row.decision,
      comment: row.comment,
      formData: row.form_data ?? {},
      delegateUserId: row.delegate_user_id ? Number(row.delegate_user_id) : null,
      via: row.via,
      at: iso(row.created_at)!,
    })
    map.set(Number(row.request_id), list)
  }
  return map
}

async function escalationsOf(requestIds: number[]) {
  const map = new Map<number, Array<InboxEscalation & { fromIds: number[] }>>()
  if (requestIds.length === 0) return map
  const rows = await db.from('approval_escalations').whereIn('request_id', requestIds).orderBy('id')
  const userIds = new Set<number>()
  for (const row of rows) {
    for (const id of [...(row.from_user_ids ?? []), ...(row.to_user_ids ?? [])])
      userIds.add(Number(id))
  }
  const users = await db
    .from('users')
    .whereIn('id', [...userIds])
    .select('id', 'full_name', 'email')
  const names = new Map(users.map((u: any) => [Number(u.id), u.full_name ?? u.email]))
  const nameOf = (id: unknown) => names.get(Number(id)) ?? `#${id}`
  for (const row of rows) {
    const list = map.get(Number(row.request_id)) ?? []
    list.push({
      kind: row.kind,
      from: (row.from_user_ids ?? []).map(nameOf),
      to: (row.to_user_ids ?? []).map(nameOf),
      fromIds: (row.from_user_ids ?? []).map(Number),
      reason: row.reason,
      previousDueAt: iso(row.previous_due_at),
      nextDueAt: iso(row.next_due_at),
      at: iso(row.created_at)!,
    })
    map.set(Number(row.request_id), list)
  }
  return map
}

function baseQuery(tenantId: number) {
  return db
    .from('approval_requests as r')
    .join('workflows as w', 'w.id', 'r.workflow_id')
    .join('executions as e', 'e.id', 'r.execution_id')
    .where('r.tenant_id', tenantId)
    .select('r.*', 'w.name as workflow_name', 'e.status as execution_status')
}

async function present(rows: any[], userId: number): Promise<InboxRequest[]> {
  const ids = rows.map((row) => Number(row.id))
  const [decisions, escalations] = await Promise.all([decisionsOf(ids), escalationsOf(ids)])
  return rows.map((row) => {
    const list = decisions.get(Number(row.id)) ?? []
    const escalated = escalations.get(Number(row.id)) ?? []
    const eligible = (row.eligible_user_ids ?? []).map(Number)
    return {
      id: Number(row.id),
      title: row.title,
      description: row.description,
      // A request whose execution was cancelled or failed meanwhile can no longer be decided.
      status:
        row.status === 'pending' && !ALIVE.has(row.execution_status) ? 'cancelled' : row.status,
      mode: row.mode,
      quorum: row.quorum,
      approverCount: eligible.length,
      form: row.form ?? [],
      context: row.context ?? {},
      dueAt: iso(row.due_at),
      createdAt: iso(row.created_at)!,
      decidedAt: iso(row.decided_at),
      workflow: { id: Number(row.workflow_id), name: row.workflow_name },
      executionId: Number(row.execution_id),
      executionStatus: row.execution_status,
      decisions: list,
      escalations: escalated.map(({ fromIds: _, ...escalation }) => escalation),
      reassignedFromMe: escalated.some((e) => e.fromIds.includes(userId)),
      canDecide:
        row.status === 'pending' &&
        ALIVE.has(row.execution_status) &&
        eligible.includes(userId) &&
        !list.some((decision) => decision.userId === userId),
    }
  })
}

/** Requests waiting for `userId` (eligible, not decided by them, execution still alive). */
export async function pendingFor(tenantId: number, userId: number, limit = 100) {
  const rows = await baseQuery(tenantId)
    .where('r.status', 'pending')
    .whereRaw('? = ANY(r.eligible_user_ids)', [userId])
    .whereIn('e.status', ['waiting', 'running', 'queued'])
    .whereNotExists((query) =>
      query
        .from('approval_decisions as d')
        .whereRaw('d.request_id = r.id')
        .where('d.user_id', userId)
    )
    .orderBy('r.id', 'desc')
    .limit(limit)
  return present(rows, userId)
}

/**
 * Requests `userId` decided on (or delegated), or that were reassigned away from them, newest
 * first; `beforeId` pages on.
 */
export async function historyFor(tenantId: number, userId: number, beforeId?: number, limit = 50) {
  const query = baseQuery(tenantId)
    .where((mine) =>
      mine
        .whereExists((sub) =>
          sub
            .from('approval_decisions as d')
            .whereRaw('d.request_id = r.id')
            .where('d.user_id', userId)
        )
        .orWhereExists((sub) =>
          sub
            .from('approval_escalations as x')
            .whereRaw('x.request_id = r.id')
            .whereRaw('? = ANY(x.from_user_ids)', [userId])
        )
    )
    .orderBy('r.id', 'desc')
    .limit(limit)
  if (beforeId) query.where('r.id', '<', beforeId)
  return present(await query, userId)
}

export async function requestFor(tenantId: number, userId: number, id: number) {
  const rows = await baseQuery(tenantId).where('r.id', id)
  const [request] = await present(rows, userId)
  return request ?? null
}
