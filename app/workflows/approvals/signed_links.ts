/**
 * Signed one-time decision links for approval e-mails: `/approvals/decide/<token>`, where the
 * token carries (request, user, decision, expiry) and an HMAC-SHA256 over them with the app key.
 * Tampering breaks the signature; "one time" is the decisions table's unique (request, user).
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import env from '#start/env'

export interface DecisionLink {
  requestId: number
  userId: number
  decision: 'approved' | 'rejected'
  /** Expiry, ms since epoch. */
  expiresAt: number
}

function mac(body: string) {
  return createHmac('sha256', `approval-link:${env.get('APP_KEY').release()}`)
    .update(body)
    .digest('base64url')
}

export function signDecisionLink(link: DecisionLink): string {
  const body = Buffer.from(
    JSON.stringify([link.requestId, link.userId, link.decision, link.expiresAt])
  ).toString('base64url')
  return `${body}.${mac(body)}`
}

export type LinkCheck =
  { ok: true; link: DecisionLink } | { ok: false; reason: 'invalid' | 'expired' }

export function verifyDecisionLink(token: string, now = Date.now()): LinkCheck {
  const [body, signature] = String(token).split('.')
  if (!body || !signature) return { ok: false, reason: 'invalid' }
  const expected = Buffer.from(mac(body))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'invalid' }
  }
  try {
    const [requestId, userId, decision, expiresAt] = JSON.parse(
      Buffer.from(body, 'base64url').toString()
    )
    if (decision !== 'approved' && decision !== 'rejected') return { ok: false, reason: 'invalid' }
    if (typeof expiresAt !== 'number' || expiresAt < now) return { ok: false, reason: 'expired' }
    return { ok: true, link: { requestId, userId, decision, expiresAt } }
  } catch {
    return { ok: false, reason: 'invalid' }
  }
}
