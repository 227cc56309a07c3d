/**
 * Reminders for pending approvals (`remindEvery`): the request's wait is made due at the next
 * reminder (or the due date, whichever is first) with its own delayed wake-up; when the runtime
 * asks approval_waits.resolve and a reminder is due, the undecided approvers are notified (bell +
 * e-mail) and the next reminder is scheduled. The step keeps waiting throughout.
 */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { enqueueExecution } from '#workflows/runtime/queue'
import { notifyMembers } from '#workflows/services/notification_service'
import { sendApprovalEmails } from '#workflows/approvals/approval_mail'

/** Minimum of the next reminder and the due date (null: no reminder left before the due date). */
function nextWake(nextReminder: number | null, dueAt: number | null): number | null {
  if (nextReminder === null) return dueAt
  return dueAt === null ? nextReminder : Math.min(nextReminder, dueAt)
}

/** Points the wait at the next reminder and schedules the wake-up (after `client` commits). */
export async function scheduleReminder(
  client: QueryClientContract,
  request: {
    id: number
    executionId: number
    nodeId: string
    scopeKey: string
    dueAt: number | null
  },
  remindAt: number
) {
  const reminder = request.dueAt !== null && remindAt >= request.dueAt ? null : remindAt
  await client.rawQuery(
    `UPDATE approval_requests SET context = context || jsonb_build_object('nextReminderAt', ?::bigint)
     WHERE id = ?`,
    [reminder, request.id] as any[]
  )
  const wake = nextWake(reminder, request.dueAt)
  await client.rawQuery(
    `UPDATE execution_waits SET resume_at = ?
     WHERE execution_id = ? AND node_id = ? AND scope_key = ? AND status = 'pending'`,
    [
      wake === null ? null : new Date(wake),
      request.executionId,
      request.nodeId,
      request.scopeKey,
    ] as any[]
  )
  return wake
}

export async function wakeAt(executionId: number, at: number) {
  const row = await db.from('executions').where('id', executionId).select('priority').first()
  await enqueueExecution(executionId, row?.priority ?? 'normal', at)
}

/** A reminder is due: notify the approvers who have not decided, then plan the next one. */
export async function sendDueReminder(request: any, executionId: number) {
  const context = request.context ?? {}
  const every = Number(context.remindEveryMs)
  const count = Number(context.reminders ?? 0) + 1
  const dueAt = request.due_at ? new Date(request.due_at).getTime() : null
  const planned = await db.transaction(async (trx) => {
    const claimed = await trx.rawQuery(
      `UPDATE approval_requests SET context = context || jsonb_build_object('reminders', ?::int)
       WHERE id = ? AND status = 'pending' AND coalesce((context->>'reminders')::int, 0) = ?
       RETURNING eligible_user_ids`,
      [count, request.id, count - 1]
    )
    if (claimed.rows.length === 0) return null
    const decided = await trx
      .from('approval_decisions')
      .where('request_id', request.id)
      .select('user_id')
    // The approvers as of now (the row is locked by the claim): after a reassignment, the new ones.
    const undecided = (claimed.rows[0].eligible_user_ids ?? [])
      .map(Number)
      .filter((id: number) => !decided.some((d: any) => Number(d.user_id) === id))
    await notifyMembers(
      {
        tenantId: Number(request.tenant_id),
        userIds: undecided,
        title: `Reminder: approval needed: ${request.title}`.slice(0, 200),
        link: `/approvals?request=${request.id}`,
        level: 'warning',
        executionId,
        dedupeKey: `approval:${request.id}:reminder:${count}`,
      },
      trx
    )
    const wake = await scheduleReminder(
      trx,
      {
        id: Number(request.id),
        executionId,
        nodeId: request.node_id,
        scopeKey: request.scope_key,
        dueAt,
      },
      Date.now() + every
    )
    return { wake, undecided }
  })
  if (!planned) return
  if (planned.wake !== null) await wakeAt(executionId, planned.wake)
  // Only those who still have to decide (after a reassignment: the new approvers).
  if (planned.undecided.length > 0) {
    sendApprovalEmails(Number(request.id), {
      userIds: planned.undecided,
      reason: 'reminder',
    }).catch(() => {})
  }
}
