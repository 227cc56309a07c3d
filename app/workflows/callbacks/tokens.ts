/**
 * Signed callback tokens (issue 8): `<body>.<hmac>`, where the body carries (execution, node,
 * scope, expiry) and the HMAC-SHA256 is keyed with the app key. The token is a pure function of
 * those values, so the node can put its URL in the step output before the execution parks, and
 * the wait hook can store its hash in the same transaction.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import env from '#start/env'

export interface CallbackTarget {
  executionId: number
  nodeId: string
  scopeKey: string
  /** Expiry, ms since epoch. */
  expiresAt: number
}

export const CALLBACK_ROUTE = '/api/v1/callbacks/:token'

function mac(body: string) {
  return createHmac('sha256', `workflow-callback:${env.get('APP_KEY').release()}`)
    .update(body)
    .digest('base64url')
}

export function signCallback(target: CallbackTarget): string {
  const body = Buffer.from(
    JSON.stringify([target.executionId, target.nodeId, target.scopeKey, target.expiresAt])
  ).toString('base64url')
  return `${body}.${mac(body)}`
}

export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

export function callbackUrl(token: string) {
  const base = (process.env.APP_URL ?? '').replace(/\/+$/, '')
  return `${base}/api/v1/callbacks/${token}`
}

export type CallbackCheck =
  { ok: true; target: CallbackTarget } | { ok: false; reason: 'invalid' | 'expired' }

export function verifyCallback(token: string, now = Date.now()): CallbackCheck {
  const [body, signature, extra] = String(token).split('.')
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'invalid' }
  const expected = Buffer.from(mac(body))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'invalid' }
  }
  try {
    const [executionId, nodeId, scopeKey, expiresAt] = JSON.parse(
      Buffer.from(body, 'base64url').toString()
    )
    if (typeof executionId !== 'number' || typeof nodeId !== 'string') {
      return { ok: false, reason: 'invalid' }
    }
    if (typeof expiresAt !== 'number' || expiresAt < now) return { ok: false, reason: 'expired' }
    return { ok: true, target: { executionId, nodeId, scopeKey: String(scopeKey), expiresAt } }
  } catch {
    return { ok: false, reason: 'invalid' }
  }
}
