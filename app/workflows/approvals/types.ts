/**
 * JSON shapes of the approval inbox API and page (GET /api/v1/approvals[/history|/:id],
 * /approvals): a request with its workflow, execution, record, decisions so far and
 * escalations, as one approver sees it.
 *
 * The one source of these shapes for the server (approvals/inbox.ts) and the inbox page (the
 * front end imports this file): keep it type-only, with no imports of server code. `type`
 * aliases, not interfaces, because Inertia's page-prop check only accepts type aliases.
 */
import type { ManualField } from '#workflows/nodes/triggers/manual_field'

export type JsonScalar = string | number | boolean | null

/** Same field shape as the manual trigger's input form (validated by validateManualInput). */
export type ApprovalFormField = ManualField

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

/** An overdue request handed to more (`added`) or other (`reassigned`) approvers. */
export type InboxEscalation = {
  kind: string
  from: string[]
  to: string[]
  reason: string
  previousDueAt: string | null
  nextDueAt: string | null
  at: string
}

export type InboxRequest = {
  id: number
  title: string
  description: string | null
  /** pending | approved | rejected | timed_out | cancelled (also once the execution is gone). */
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
  decisions: InboxDecision[]
  escalations: InboxEscalation[]
  /** The request was reassigned to others before this user decided. */
  reassignedFromMe: boolean
  canDecide: boolean
}

/** Another member of the workspace, someone a request can be delegated to. */
export type InboxMember = {
  id: number
  name: string
}
