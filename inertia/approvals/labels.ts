/** How the inbox shows a request's status, approval mode and escalations. */
import type { InboxEscalation, InboxRequest } from '#workflows/approvals/types'

export const STATUS_SEVERITY: Record<string, string> = {
  pending: 'warn',
  approved: 'success',
  rejected: 'danger',
  timed_out: 'secondary',
  cancelled: 'secondary',
}

export function modeLabel(item: Pick<InboxRequest, 'mode' | 'quorum' | 'approverCount'>) {
  if (item.mode === 'all') return `All ${item.approverCount} approvers`
  if (item.mode === 'quorum') return `${item.quorum} of ${item.approverCount} approvers`
  return 'Any one approver'
}

/** One line of a request's history: who it was escalated / reassigned from and to, and why. */
export function escalationLabel(escalation: InboxEscalation) {
  const to = escalation.to.join(', ') || 'nobody new'
  if (escalation.kind === 'reassigned') {
    const from = escalation.from.join(', ')
    return from ? `Reassigned from ${from} to ${to}` : `Reassigned to ${to}`
  }
  return `Escalated: ${to} added`
}
