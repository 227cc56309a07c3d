/**
 * The runtime side of approval steps (see waits/hooks.ts): creating the request when the step
 * parks, and turning a decided or overdue request into the step's output and port.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ApprovalWaitData } from '#workflows/nodes/actions/approval'
import type { WaitKindHandler } from '#workflows/waits/hooks'
import { resolveEligibleUsers } from '#workflows/approvals/approvers'
import { notifyMembers } from '#workflows/services/notification_service'
import { announceApproval } from '#workflows/approvals/realtime'
import { sendApprovalEmails } from '#workflows/approvals/approval_mail'
import { escalate, escalationPlanOf, statusAfterEscalation } from '#workflows/approvals/escalations'
import { scheduleReminder, sendDueReminder, wakeAt } from '#workflows/approvals/reminders'

const DONE = new Set(['approved', 'rejected', 'timed_out'])
const ESCALATING = new Set(['escalate', 'reassign'])

export const approvalWaits: WaitKindHandler = {
  async stored(trx, execution, waits) {
    for (const wait of waits) {
      const data = (wait.payload ?? {}) as ApprovalWaitData
      const { userIds, fallback } = await resolveEligibleUsers(trx, execution.tenantId, data)
      const result = await trx.rawQuery(
        `INSERT INTO approval_requests (tenant_id, execution_id, workflow_id, node_id, scope_key,
            title, description, mode, quorum, eligible_user_ids, form, context, status, due_at,
            created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::bigint[], ?::jsonb, ?::jsonb, 'pending', ?, now(), now())
         ON CONFLICT (execution_id, node_id, scope_key) DO NOTHING
         RETURNING id`,
        [
          execution.tenantId,
          execution.id,
          execution.workflowId,
          wait.nodeId,
          wait.scopeKey,
          data.title ?? 'Approval needed',
          data.description ?? null,
          data.mode ?? 'any',
          data.mode === 'all' ? userIds.length : data.mode === 'quorum' ? data.quorum : 1,
          `{${userIds.join(',')}}`,
          JSON.stringify(data.form ?? []),
          JSON.stringify({
            ...(data.context ?? {}),
            fallbackToAdmins: fallback,
            onTimeout: data.onTimeout ?? 'timed_out',
            escalation: data.escalation ?? null,
            remindEveryMs: data.remindEveryMs ?? null,
          }),
          data.dueAt ?? null,
        ] as any[]
      )
      const id = result.rows[0]?.id
      if (!id) continue
      if (data.remindEveryMs) {
        const request = {
          id: Number(id),
          executionId: execution.id,
          nodeId: wait.nodeId,
          scopeKey: wait.scopeKey,
          dueAt: data.dueAt ? Date.parse(data.dueAt) : null,
        }
        const wake = await scheduleReminder(trx, request, Date.now() + data.remindEveryMs)
        if (wake !== null)
          trx.after('commit', () => void wakeAt(execution.id, wake).catch(() => {}))
      }
      await notifyMembers(
        {
          tenantId: execution.tenantId,
          userIds,
          title: `Approval needed: ${data.title}`.slice(0, 200),
          body: data.description ?? null,
          link: `/approvals?request=${id}`,
          level: 'warning',
          executionId: execution.id,
          dedupeKey: `approval:${id}`,
        },
        trx
      )
      trx.after('commit', () => {
        announceApproval(execution.tenantId, { type: 'approval.created', requestId: Number(id) })
        sendApprovalEmails(Number(id)).catch(() => {})
      })
    }
  },

  async resolve(executionId, wait, step) {
    const request = await db
      .from('approval_requests')
      .where({ execution_id: executionId, node_id: wait.nodeId, scope_key: wait.scopeKey })
      .first()
    if (!request) return null
    let status: string = request.status
    if (status === 'pending') {
      const context = request.context ?? {}
      const overdue = !!request.due_at && new Date(request.due_at).getTime() <= Date.now()
      if (!overdue) {
        if (context.nextReminderAt && Number(context.nextReminderAt) <= Date.now()) {
          await sendDueReminder(request, executionId)
        }
        return null
      }
      if (ESCALATING.has(context.onTimeout) && context.escalation && !context.escalated) {
        await escalate(Number(request.id), executionId)
        const fresh = await db.from('approval_requests').where('id', request.id).first()
        if (fresh.status === 'pending') return null
        return {
          output: await approvalOutput(request.id, fresh.status, step.output),
          port: fresh.status,
        }
      }
      const timeoutStatus = context.escalated
        ? statusAfterEscalation(escalationPlanOf(context))
        : context.onTimeout === 'approve'
          ? 'approved'
          : context.onTimeout === 'reject'
            ? 'rejected'
            : 'timed_out'
      const timedOut = await db.rawQuery(
        `UPDATE approval_requests SET status = ?, decided_at = now(), updated_at = now(),
            context = context || '{"autoDecided": true}'::jsonb
         WHERE id = ? AND status = 'pending' RETURNING status`,
        [timeoutStatus, request.id]
      )
      if (timedOut.rows.length > 0) {
        status = timeoutStatus
        announceApproval(Number(request.tenant_id), {
          type: 'approval.decided',
          requestId: Number(request.id),
          status,
        })
      } else {
        const fresh = await db.from('approval_requests').where('id', request.id).first()
        status = fresh.status
      }
    }
    if (!DONE.has(status)) return null
    return { output: await approvalOutput(request.id, status, step.output), port: status }
  },
}

/** The step's output once decided: the request summary, every decision and the merged form. */
export async function approvalOutput(
  requestId: number,
  status: string,
  base: unknown,
  client: TransactionClientContract | typeof db = db
) {
  const decisions = await client
    .from('approval_decisions as d')
    .join('users as u', 'u.id', 'd.user_id')
    .where('d.request_id', requestId)
    .orderBy('d.id')
    .select(
      'd.user_id',
      'u.full_name',
      'u.email',
      'd.decision',
      'd.comment',
      'd.form_data',
      'd.created_at'
    )
  const escalations = await client
    .from('approval_escalations')
    .where('request_id', requestId)
    .orderBy('id')
    .select('kind', 'from_user_ids', 'to_user_ids', 'reason', 'created_at')
  const formData: Record<string, unknown> = {}
  for (const decision of decisions) Object.assign(formData, decision.form_data ?? {})
  const last = decisions.filter((d: any) => d.decision !== 'delegated').at(-1)
  return {
    ...((base && typeof base === 'object' ? base : {}) as Record<string, unknown>),
    requestId: Number(requestId),
    decision: status,
    approved: status === 'approved',
    comment: last?.comment ?? null,
    formData,
    decisions: decisions.map((d: any) => ({
      userId: Number(d.user_id),
      name: d.full_name ?? d.email,
      decision: d.decision,
      comment: d.comment,
      formData: d.form_data,
      at: new Date(d.created_at).toISOString(),
    })),
    // Who the request was escalated or reassigned to (and from) when it was overdue.
    escalations: escalations.map((e: any) => ({
      kind: e.kind,
      fromUserIds: (e.from_user_ids ?? []).map(Number),
      toUserIds: (e.to_user_ids ?? []).map(Number),
      reason: e.reason,
      at: new Date(e.created_at).toISOString(),
    })),
  }
}
