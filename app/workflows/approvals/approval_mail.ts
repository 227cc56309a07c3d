/**
 * E-mails an approval request to each eligible approver, with signed one-time links to approve
 * or reject (valid until the due date, at most 7 days) and a link to the inbox.
 */
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import env from '#start/env'
import { signDecisionLink } from '#workflows/approvals/signed_links'

const LINK_TTL_MS = 7 * 86_400_000

/** E-mails in flight (tests wait for them). */
export const pendingApprovalEmails = new Set<Promise<unknown>>()

export async function sendApprovalEmails(requestId: number) {
  const request = await db.from('approval_requests').where('id', requestId).first()
  if (!request) return
  const users = await db
    .from('users')
    .whereIn('id', (request.eligible_user_ids ?? []).map(Number))
    .select('id', 'email', 'full_name')
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
          .subject(`Approval needed: ${request.title}`)
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
