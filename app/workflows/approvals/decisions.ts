/**
 * Deciding on approval requests. One transaction per decision: the request row is locked
 * (FOR UPDATE), so concurrent decisions are serialised and the outcome (any / all / quorum) is
 * computed on a consistent set; the unique (request, user) constraint makes a person's decision
 * count once. Repeating the same decision (double click, a second e-mail click) answers the
 * recorded one; a different one is refused.
 *
 * When the request is settled, its wait becomes due in the same transaction and the execution
 * is woken after commit: the runtime asks approval_waits.resolve for the port (waits/hooks.ts).
 * If the wake-up is lost, the sweeper re-enqueues waiting executions with a due wait.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { errors as lucidErrors } from '@adonisjs/lucid'
import ApprovalRequest from '#workflows/approvals/models/approval_request'
import { WorkflowError } from '#workflows/services/workflow_error'
import { validateManualInput } from '#workflows/nodes/triggers/manual'
import { announceApproval } from '#workflows/approvals/realtime'
import { wakeExecution } from '#workflows/waits/event_waits'
import { notifyMembers } from '#workflows/services/notification_service'

export interface DecisionInput {
  tenantId: number
  requestId: number
  userId: number
  decision: 'approved' | 'rejected' | 'delegated'
  comment?: string | null
  formData?: Record<string, unknown>
  delegateUserId?: number | null
  via?: 'inbox' | 'email' | 'api'
}

export interface DecisionResult {
  requestId: number
  status: ApprovalRequest['status']
  decision: string
  duplicate: boolean
}

function refuse(message: string, code: string, status: number): never {
  throw new WorkflowError(message, [], { status, code })
}

/**
 * The request's state after the decisions so far (pending while the outcome is open). Only
 * decisions of current approvers count: after a reassignment the approvers who had decided stay
 * on the request (their votes keep counting), those who had not are gone.
 */
export function outcome(
  request: Pick<ApprovalRequest, 'mode' | 'quorum' | 'eligibleUserIds'>,
  all: Array<{ userId: number; decision: string }>
): 'pending' | 'approved' | 'rejected' {
  const decisions = all.filter((d) => request.eligibleUserIds.includes(d.userId))
  const approvals = decisions.filter((d) => d.decision === 'approved').length
  const rejections = decisions.filter((d) => d.decision === 'rejected').length
  if (request.mode === 'any') {
    if (approvals > 0) return 'approved'
    return rejections > 0 ? 'rejected' : 'pending'
  }
  const eligible = request.eligibleUserIds.length
  const needed = request.mode === 'all' ? eligible : Math.min(request.quorum, eligible)
  if (request.mode === 'all' && rejections > 0) return 'rejected'
  if (approvals >= needed && needed > 0) return 'approved'
  // Those who have not decided yet could still approve: reject once the quorum is out of reach.
  const undecided = eligible - approvals - rejections
  return approvals + undecided < needed ? 'rejected' : 'pending'
}

async function lockRequest(trx: TransactionClientContract, tenantId: number, id: number) {
  const request = await ApprovalRequest.query({ client: trx })
    .where('tenant_id', tenantId)
    .where('id', id)
    .forUpdate()
    .first()
  if (!request) throw new lucidErrors.E_ROW_NOT_FOUND(ApprovalRequest)
  return request
}

export async function decide(input: DecisionInput): Promise<DecisionResult> {
  const woke: Array<() => void> = []
  const result = await db.transaction(async (trx) => {
    const request = await lockRequest(trx, input.tenantId, input.requestId)
    const previous = await trx
      .from('approval_decisions')
      .where({ request_id: request.id, user_id: input.userId })
      .first()
    if (previous) {
      if (previous.decision === input.decision) {
        return {
          requestId: request.id,
          status: request.status,
          decision: previous.decision,
          duplicate: true,
        }
      }
      refuse(`You already decided (${previous.decision}) on this request`, 'E_ALREADY_DECIDED', 409)
    }
    if (!request.eligibleUserIds.includes(input.userId)) {
      await refuseIfReassigned(trx, request.id, input.userId)
      refuse('You are not an approver of this request', 'E_NOT_APPROVER', 403)
    }
    if (request.status !== 'pending') {
      refuse(`This request is already ${request.status.replace('_', ' ')}`, 'E_CLOSED', 409)
    }
    const execution = await trx.from('executions').where('id', request.executionId).first()
    if (!['waiting', 'running', 'queued'].includes(execution?.status)) {
      refuse(
        `The workflow run is ${execution?.status ?? 'gone'}; nothing to decide`,
        'E_CLOSED',
        409
      )
    }
    let formData: Record<string, unknown> = {}
    if (input.decision === 'approved' && request.form.length > 0) {
      const checked = validateManualInput({ fields: request.form }, input.formData ?? {})
      if (Object.keys(checked.errors).length > 0) {
        throw new WorkflowError(
          'Some form fields are invalid',
          Object.entries(checked.errors).map(([field, message]) => ({
            code: 'invalid_field',
            field: `formData.${field}`,
            message,
          })),
          { status: 422, code: 'E_FORM' }
        )
      }
      formData = Object.fromEntries(
        request.form
          .filter((f) => f.key in checked.values)
          .map((f) => [f.key, checked.values[f.key]])
      )
    }
    if (input.decision === 'delegated') {
      await delegate(trx, request, input)
    }
    await trx.table('approval_decisions').insert({
      tenant_id: input.tenantId,
      request_id: request.id,
      user_id: input.userId,
      decision: input.decision,
      comment: input.comment?.trim() || null,
      form_data: JSON.stringify(formData),
      delegate_user_id: input.decision === 'delegated' ? input.delegateUserId : null,
      via: input.via ?? 'inbox',
      created_at: new Date(),
    })
    const decisions = await trx
      .from('approval_decisions')
      .where('request_id', request.id)
      .select('user_id', 'decision')
    const status = outcome(
      request,
      decisions.map((d: any) => ({ userId: Number(d.user_id), decision: d.decision }))
    )
    if (status !== 'pending') {
      await trx.rawQuery(
        `UPDATE approval_requests SET status = ?, decided_at = now(), updated_at = now() WHERE id = ?`,
        [status, request.id]
      )
      await trx.rawQuery(
        `UPDATE execution_waits SET resume_at = now()
         WHERE execution_id = ? AND node_id = ? AND scope_key = ? AND status = 'pending'`,
        [request.executionId, request.nodeId, request.scopeKey]
      )
      woke.push(() => {
        wakeExecution(request.executionId, `a${request.id}`).catch(() => {})
      })
    }
    woke.push(() =>
      announceApproval(input.tenantId, { type: 'approval.decided', requestId: request.id, status })
    )
    return { requestId: request.id, status, decision: input.decision, duplicate: false }
  })
  for (const after of woke) after()
  return result
}

/** A former approver whose request was reassigned gets told when, why and to whom. */
async function refuseIfReassigned(
  trx: TransactionClientContract,
  requestId: number,
  userId: number
) {
  const escalation = await trx
    .from('approval_escalations')
    .where('request_id', requestId)
    .whereRaw('? = ANY(from_user_ids)', [userId])
    .orderBy('id', 'desc')
    .first()
  if (!escalation) return
  const to = await trx
    .from('users')
    .whereIn('id', (escalation.to_user_ids ?? []).map(Number))
    .orderBy('id')
    .select('full_name', 'email')
  const names = to.map((u: any) => u.full_name ?? u.email).join(', ') || 'other approvers'
  refuse(
    `This request was reassigned to ${names} on ${new Date(escalation.created_at).toISOString()} (${escalation.reason}); you can no longer decide it`,
    'E_REASSIGNED',
    403
  )
}

/** Hands the delegator's place to another member (the delegator can no longer decide). */
async function delegate(
  trx: TransactionClientContract,
  request: ApprovalRequest,
  input: DecisionInput
) {
  const to = Number(input.delegateUserId)
  if (!Number.isInteger(to) || to <= 0 || to === input.userId) {
    refuse('Choose another member to delegate to', 'E_DELEGATE', 422)
  }
  const member = await trx
    .from('memberships')
    .where({ tenant_id: input.tenantId, user_id: to })
    .first()
  if (!member) refuse('The delegate is not a member of this organization', 'E_DELEGATE', 422)
  if (request.eligibleUserIds.includes(to)) {
    refuse('The delegate is already an approver of this request', 'E_DELEGATE', 422)
  }
  await trx.rawQuery(
    `UPDATE approval_requests SET eligible_user_ids = array_append(array_remove(eligible_user_ids, ?::bigint), ?::bigint),
        updated_at = now() WHERE id = ?`,
    [input.userId, to, request.id]
  )
  request.eligibleUserIds = request.eligibleUserIds.filter((id) => id !== input.userId).concat(to)
  await notifyMembers(
    {
      tenantId: input.tenantId,
      userIds: [to],
      title: `Approval delegated to you: ${request.title}`.slice(0, 200),
      link: `/approvals?request=${request.id}`,
      level: 'warning',
      executionId: request.executionId,
      dedupeKey: `approval:${request.id}:delegated`,
    },
    trx
  )
}
