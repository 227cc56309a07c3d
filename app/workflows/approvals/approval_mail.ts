/**
 * E-mails an approval request to eligible approvers (all of them, or the given ones: the
 * undecided for a reminder, the new ones after an escalation), with signed one-time links to
 * approve or reject (valid until the due date, at most 7 days) and a link to the inbox.
 */
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import env from '#start/env'
import { signDecisionLink } from '#workflows/approvals/signed_links'

const LINK_TTL_MS = 7 * 86_400_000

/** E-mails in flight (tests wait for them). */
export const pendingApprovalEmails = new Set<Promise<unknown>>()

const SUBJECTS = {
  new: 'Approval needed',
  reminder: 'Reminder: approval needed',
  escalated: 'Escalated approval',
  reassigned: 'Approval reassigned to you',
}

export async function sendApprovalEmails(
  requestId: number,
  options: { userIds?: number[]; reason?: keyof typeof SUBJECTS } = {}
) {
  const request = await db.from('approval_requests').where('id', requestId).first()
  if (!request) return
  // Only people who may still decide: a reassigned-away approver never gets a working link.
  const eligible: number[] = (request.eligible_user_ids ?? []).map(Number)
  const recipients = options.userIds
    ? eligible.filter((id) => options.userIds!.includes(id))
    : eligible
  if (recipients.length === 0) return
  const users = await db.from('users').whereIn('id', recipients).select('id', 'email', 'full_name')
  const appUrl = env.get('APP_URL')
  const due = request.due_at ? new Date(request.due_at).getTime() : Number.POSITIVE_INFINITY
  const expiresAt = Math.min(due, Date.now() + LINK_TTL_MS)
  for (const user of users) {
    const link = (decision: 'approved' | 'rejected') =>
      `${appUrl}/approvals/decide/${signDecisionLink({
        requestId,
        userId: Number(user.id),
        decision,
        expiresAt,
      })}`
    const sending = mail
      .send((message) => {
        message
          .to(user.email, user.full_name ?? undefined)
          .subject(`${SUBJECTS[options.reason ?? 'new']}: ${request.title}`)
          .text(
            [
              request.title,
              request.description ? `\n${request.description}\n` : '',
              `Approve: ${link('approved')}`,
              `Reject: ${link('rejected')}`,
              '',
              `Open your inbox: ${appUrl}/approvals?request=${requestId}`,
              `These links work once and expire ${new Date(expiresAt).toUTCString()}.`,
            ].join('\n')
          )
      })
      .catch((failure) => logger.info({ err: failure }, 'approval email not sent'))
    pendingApprovalEmails.add(sending)
    void sending.finally(() => pendingApprovalEmails.delete(sending))
  }
}
