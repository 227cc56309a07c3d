/**
 * Read side of the approval inbox: my pending requests (with the workflow, the execution, the
 * record they are about and the decisions so far) and the history of my decisions.
 */
import db from '@adonisjs/lucid/services/db'
import type { ManualField } from '#workflows/nodes/triggers/manual'

type JsonScalar = string | number | boolean | null

/** Type aliases, not interfaces: Inertia page props must be index-compatible JSON types. */
export type InboxDecision = {
  userId: number
  name: string
  decision: string
  comment: string | null
  formData: Record<string, JsonScalar>
  delegateUserId: number | null
  via: string
  at: string
}

export type InboxRequest = {
  id: number
  title: string
  description: string | null
  status: string
  mode: string
  quorum: number
  approverCount: number
  form: ManualField[]
  context: { entity?: string | null; entityId?: string | null; fallbackToAdmins?: boolean }
  dueAt: string | null
  createdAt: string
  decidedAt: string | null
  workflow: { id: number; name: string }
  executionId: number
  executionStatus: string
  decisions: InboxDecision[]
  canDecide: boolean
}

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

function baseQuery(tenantId: number) {
  return db
    .from('approval_requests as r')
    .join('workflows as w', 'w.id', 'r.workflow_id')
    .join('executions as e', 'e.id', 'r.execution_id')
    .where('r.tenant_id', tenantId)
    .select('r.*', 'w.name as workflow_name', 'e.status as execution_status')
}

async function present(rows: any[], userId: number): Promise<InboxRequest[]> {
  const decisions = await decisionsOf(rows.map((row) => Number(row.id)))
  return rows.map((row) => {
    const list = decisions.get(Number(row.id)) ?? []
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

/** Requests `userId` decided on (or delegated), newest first; `beforeId` pages on. */
export async function historyFor(tenantId: number, userId: number, beforeId?: number, limit = 50) {
  const query = baseQuery(tenantId)
    .whereExists((sub) =>
      sub.from('approval_decisions as d').whereRaw('d.request_id = r.id').where('d.user_id', userId)
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
