/** Page props must be JSON types (Inertia's render() refuses `unknown`). */
export type JsonScalar = string | number | boolean | null

export type ApprovalDecision = {
  userId: number
  name: string
  decision: string
  comment: string | null
  formData: Record<string, JsonScalar>
  delegateUserId: number | null
  via: string
  at: string
}

/** An overdue request handed to more (`added`) or other (`reassigned`) approvers. */
export type ApprovalEscalation = {
  kind: string
  from: string[]
  to: string[]
  reason: string
  previousDueAt: string | null
  nextDueAt: string | null
  at: string
}

export type ApprovalFormField = {
  key: string
  label: string
  type: 'string' | 'text' | 'number' | 'boolean' | 'date' | 'email'
  required?: boolean
  help?: string
}

export type ApprovalItem = {
  id: number
  title: string
  description: string | null
  status: string
  mode: string
  quorum: number
  approverCount: number
  form: ApprovalFormField[]
  context: {
    entity?: string | null
    entityId?: string | null
    fallbackToAdmins?: boolean
    autoDecided?: boolean
  }
  dueAt: string | null
  createdAt: string
  decidedAt: string | null
  workflow: { id: number; name: string }
  executionId: number
  executionStatus: string
  decisions: ApprovalDecision[]
  escalations: ApprovalEscalation[]
  reassignedFromMe: boolean
  canDecide: boolean
}

export type Member = {
  id: number
  name: string
}

export const STATUS_SEVERITY: Record<string, string> = {
  pending: 'warn',
  approved: 'success',
  rejected: 'danger',
  timed_out: 'secondary',
  cancelled: 'secondary',
}

export function modeLabel(item: Pick<ApprovalItem, 'mode' | 'quorum' | 'approverCount'>) {
  if (item.mode === 'all') return `All ${item.approverCount} approvers`
  if (item.mode === 'quorum') return `${item.quorum} of ${item.approverCount} approvers`
  return 'Any one approver'
}

/** One line of a request's history: who it was escalated / reassigned from and to, and why. */
export function escalationLabel(escalation: ApprovalEscalation) {
  const to = escalation.to.join(', ') || 'nobody new'
  if (escalation.kind === 'reassigned') {
    const from = escalation.from.join(', ')
    return from ? `Reassigned from ${from} to ${to}` : `Reassigned to ${to}`
  }
  return `Escalated: ${to} added`
}
