import type { HttpContext } from '@adonisjs/core/http'
import { receiveCallback } from '#workflows/callbacks/callback_waits'

/** Largest callback body accepted (bytes); the step output is stored with the execution. */
export const MAX_CALLBACK_BYTES = 256 * 1024

/**
 * `POST /api/v1/callbacks/:token`: no session, the signed token is the credential.
 * 202 resumed; 403 tampered; 410 used or expired; 413 too large.
 */
export default class CallbacksController {
  async receive({ request, response, params }: HttpContext) {
    const raw = request.raw() ?? ''
    const size = Math.max(Number(request.header('content-length') ?? 0), Buffer.byteLength(raw))
    if (size > MAX_CALLBACK_BYTES) {
      return response.status(413).send({ error: `Body larger than ${MAX_CALLBACK_BYTES} bytes` })
    }
    const result = await receiveCallback(String(params.token), request.body())
    if (result.status === 'invalid') {
      return response.status(403).send({ error: 'Invalid callback signature' })
    }
    if (result.status === 'gone') {
      return response.status(410).send({ error: `Callback URL ${result.reason}` })
    }
    return response.status(202).send({ accepted: true })
  }
}
