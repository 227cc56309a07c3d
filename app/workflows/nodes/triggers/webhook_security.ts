/**
 * Server-side checks for webhook requests (node:crypto; keep out of browser bundles).
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { WebhookConfig } from './webhook.js'

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** The URL token matches the configured one (constant time). */
export function verifyWebhookToken(config: Pick<WebhookConfig, 'token'>, token: string): boolean {
  return (
    typeof config.token === 'string' && config.token.length > 0 && safeEqual(config.token, token)
  )
}

export function signWebhookBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`
}

/**
 * True when no secret is configured, or the `X-Signature: sha256=<hex>` header is the HMAC-SHA256
 * of the raw body with the secret.
 */
export function verifyWebhookSignature(
  config: Pick<WebhookConfig, 'signatureSecret'>,
  rawBody: string | Buffer,
  header: string | null | undefined
): boolean {
  if (!config.signatureSecret) return true
  if (!header) return false
  return safeEqual(signWebhookBody(config.signatureSecret, rawBody), header.trim().toLowerCase())
}
