import { broadcast } from '#core/realtime/broadcast'

export function approvalsChannel(tenantId: number) {
  return `tenants/${tenantId}/approvals`
}

/** Tells open inboxes of the tenant to refresh (fire-and-forget: they reload from the API). */
export function announceApproval(
  tenantId: number,
  payload: { type: 'approval.created' | 'approval.decided'; requestId: number; status?: string }
) {
  try {
    broadcast(approvalsChannel(tenantId), payload)
  } catch {
    // A transport hiccup must never fail a decision or a run.
  }
}
