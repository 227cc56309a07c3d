/**
 * Escalation of an overdue approval request (onTimeout `escalate` or `reassign`), once:
 *
 * - `add` (escalate): the escalation approvers join the current ones.
 * - `reassign`: the escalation approvers replace the approvers who have not decided. Decisions
 *   already cast stay valid (their authors stay on the request so their votes keep counting
 *   towards any / all / quorum); those who had not decided lose the right to decide (a later
 *   decision is refused with 403 E_REASSIGNED), get an in-app note, and no more reminders.
 *
 * Either way the new approvers are notified (bell + e-mail with signed links), the due date moves
 * to the optional second due date (`escalateDueIn`, whose outcome is `afterEscalation`), and the
 * change is recorded in `approval_escalations` (from, to, why, when) for the inbox history.
 *
 * The request row is locked for the whole change, so a decision arriving at the same moment is
 * counted either before the escalation (and kept) or after it (by the new approver set).
 */
import db from '@adonisjs/lucid/services/db'
import type { ApprovalEscalationPlan } from '#workflows/nodes/actions/approval'
import { resolveEligibleUsers } from '#workflows/approvals/approvers'
import { outcome } from '#workflows/approvals/decisions'
import { notifyMembers } from '#workflows/services/notification_service'
import { announceApproval } from '#workflows/approvals/realtime'
import { sendApprovalEmails } from '#workflows/approvals/approval_mail'
import { scheduleReminder, wakeAt } from '#workflows/approvals/reminders'

/** The plan stored in the request's context (requests from before `reassign` only added). */
export function escalationPlanOf(context: Record<string, any>): ApprovalEscalationPlan | null {
  const stored = context.escalation
  if (!stored || typeof stored !== 'object') return null
  const then = stored.then
  return {
    mode: stored.mode === 'reassign' ? 'reassign' : 'add',
    userIds: (stored.userIds ?? []).map(Number),
    roles: stored.roles ?? [],
    references: stored.references ?? [],
    dueInMs: Number(stored.dueInMs) > 0 ? Number(stored.dueInMs) : null,
    then: then === 'approve' || then === 'reject' ? then : 'timed_out',
  }
}

/** The status an escalated request takes at its second due date. */
export function statusAfterEscalation(plan: ApprovalEscalationPlan | null) {
  if (plan?.then === 'approve') return 'approved'
  if (plan?.then === 'reject') return 'rejected'
  return 'timed_out'
}

const unique = (ids: number[]) => [...new Set(ids)]
const pgIds = (ids: number[]) => `{${ids.join(',')}}`

/**
 * Escalates the request if it is still pending and not escalated yet. The caller re-reads the
 * request afterwards: it normally stays pending, but a reassignment may settle it (e.g. "all"
 * when every remaining approver had already approved).
 */
export async function escalate(requestId: number, executionId: number) {
  const done = await db.transaction(async (trx) => {
    const locked = await trx.rawQuery(`SELECT * FROM approval_requests WHERE id = ? FOR UPDATE`, [
      requestId,
    ])
    const request = locked.rows[0]
    const context = request?.context ?? {}
    if (!request || request.status !== 'pending' || context.escalated) return null
    const plan = escalationPlanOf(context)
    if (!plan) return null
    const tenantId = Number(request.tenant_id)
    const { userIds: targets, fallback } = await resolveEligibleUsers(trx, tenantId, plan)
    const rows = await trx
      .from('approval_decisions')
      .where('request_id', request.id)
      .select('user_id', 'decision')
    const decisions = rows.map((d: any) => ({
      userId: Number(d.user_id),
      decision: String(d.decision),
    }))
    const current: number[] = (request.eligible_user_ids ?? []).map(Number)
    const voted = new Set(decisions.filter((d) => d.decision !== 'delegated').map((d) => d.userId))
    const next =
      plan.mode === 'reassign'
        ? unique([...current.filter((id) => voted.has(id)), ...targets])
        : unique([...current, ...targets])
    const removed = current.filter((id) => !next.includes(id))
    const added = next.filter((id) => !current.includes(id))
    const previousDue = request.due_at ? new Date(request.due_at) : null
    const nextDue = plan.dueInMs ? new Date(Date.now() + plan.dueInMs) : null

    // The dates are columns of their own (shown in the reader's time zone by the inbox).
    const reason = fallback
      ? 'Not decided by the due date; no escalation approver matched, sent to owners and admins'
      : 'Not decided by the due date'
    await trx.rawQuery(
      `UPDATE approval_requests SET eligible_user_ids = ?::bigint[], due_at = ?,
          quorum = CASE WHEN mode = 'all' THEN ? ELSE quorum END, updated_at = now(),
          context = context || jsonb_build_object('escalated', true, 'escalatedAt', ?::text)
       WHERE id = ?`,
      [pgIds(next), nextDue, next.length, new Date().toISOString(), request.id] as any[]
    )
    await trx.table('approval_escalations').insert({
      tenant_id: tenantId,
      request_id: request.id,
      kind: plan.mode === 'reassign' ? 'reassigned' : 'added',
      from_user_ids: pgIds(removed),
      to_user_ids: pgIds(added),
      reason: reason.slice(0, 300),
      previous_due_at: previousDue,
      next_due_at: nextDue,
      created_at: new Date(),
    })

    // Fewer approvers may already make the outcome (e.g. "all" and everyone left approved).
    const status = outcome(
      { mode: request.mode, quorum: request.quorum, eligibleUserIds: next },
      decisions
    )
    if (status !== 'pending') {
      await trx.rawQuery(
        `UPDATE approval_requests SET status = ?, decided_at = now(), updated_at = now() WHERE id = ?`,
        [status, request.id]
      )
      return { tenantId, added: [], wake: null, settled: status }
    }

    const scope = {
      id: Number(request.id),
      executionId,
      nodeId: request.node_id,
      scopeKey: request.scope_key,
      dueAt: nextDue ? nextDue.getTime() : null,
    }
    const every = Number(context.remindEveryMs)
    // Reminders start over for the new approvers (one interval after the escalation).
    const wake =
      every > 0
        ? await scheduleReminder(trx, scope, Date.now() + every)
        : await pointWaitAt(trx, scope, nextDue)

    const link = `/approvals?request=${request.id}`
    await notifyMembers(
      {
        tenantId,
        userIds: added,
        title: (plan.mode === 'reassign'
          ? `Approval reassigned to you: ${request.title}`
          : `Escalated approval: ${request.title}`
        ).slice(0, 200),
        body: reason,
        link,
        level: 'warning',
        executionId,
        dedupeKey: `approval:${request.id}:escalated`,
      },
      trx
    )
    await notifyMembers(
      {
        tenantId,
        userIds: removed,
        title: `Approval reassigned: ${request.title}`.slice(0, 200),
        body: `${reason}. It no longer waits for your decision.`,
        link,
        level: 'info',
        executionId,
        dedupeKey: `approval:${request.id}:reassigned-away`,
      },
      trx
    )
    return { tenantId, added, wake, settled: null, reassigned: plan.mode === 'reassign' }
  })
  if (!done) return
  if (done.wake !== null) await wakeAt(executionId, done.wake)
  announceApproval(done.tenantId, {
    type: done.settled ? 'approval.decided' : 'approval.created',
    requestId,
    ...(done.settled ? { status: done.settled } : {}),
  })
  if (done.added.length > 0) {
    sendApprovalEmails(requestId, {
      userIds: done.added,
      reason: done.reassigned ? 'reassigned' : 'escalated',
    }).catch(() => {})
  }
}

async function pointWaitAt(
  trx: Parameters<typeof scheduleReminder>[0],
  scope: { executionId: number; nodeId: string; scopeKey: string },
  at: Date | null
) {
  await trx.rawQuery(
    `UPDATE execution_waits SET resume_at = ?
     WHERE execution_id = ? AND node_id = ? AND scope_key = ? AND status = 'pending'`,
    [at, scope.executionId, scope.nodeId, scope.scopeKey] as any[]
  )
  return at ? at.getTime() : null
}
