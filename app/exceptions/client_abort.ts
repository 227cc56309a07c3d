import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A client that goes away (page reload, navigation, closed tab) while the middleware before the
 * body parser still runs leaves a destroyed request stream behind, and raw-body then throws a 500
 * "stream is not readable". When the client leaves while the body is being read, raw-body throws
 * its own 400 "request aborted" (E_REQUEST_ABORTED) instead. Both are the same client event: this
 * turns the first into the second, so it is answered (to nobody) as a client error and not logged
 * as a server fault. A stream that is not readable while the connection is still open (a body
 * read twice) is left alone: that one is a bug and stays a logged 500.
 */
export function asClientAbort(error: unknown, ctx: HttpContext): unknown {
  const notReadable = (error as { type?: unknown } | null)?.type === 'stream.not.readable'
  const connectionClosed = ctx.request.request.socket?.destroyed === true
  if (!notReadable || !connectionClosed) return error
  return new Exception('request aborted', {
    status: 400,
    code: 'E_REQUEST_ABORTED',
    cause: error,
  })
}
