import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { wantsJson } from '#core/http/wants_json'
import { describeError, type HttpErrorLike } from '#exceptions/describe_error'
import { asClientAbort } from '#exceptions/client_abort'

/**
 * One place decides how an error reaches the client:
 * - API requests (`/api/*`, `Accept: application/json`) get `{ errors: [{ code, message, field? }] }`
 *   with the right status (422 with field paths for validation, 400 malformed JSON, 413 too large,
 *   403 CSRF, 404 unknown route or record, 429 rate limit).
 * - A client that left before its body was read is a 400 E_REQUEST_ABORTED, not a logged 500.
 * - An Inertia form submission that fails with a message the user should read (expired CSRF token,
 *   rate limit, forbidden) goes back to the form with a flash error, shown as a toast.
 * - Page visits get the 404/403 pages always and the 500 page in production.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  protected renderStatusPages = true

  /** Client mistakes are answered, not logged as server problems. */
  protected ignoreStatuses = [400, 401, 403, 404, 409, 413, 422, 429]

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (error, { inertia }) =>
      inertia.render('errors/forbidden', { message: describeError(error).message }),
    '404': (_, { inertia }) => inertia.render('errors/not_found', {}),
    ...(app.inProduction
      ? { '500..599': (_, { inertia }) => inertia.render('errors/server_error', {}) }
      : {}),
  }

  async handle(thrown: unknown, ctx: HttpContext) {
    const error = asClientAbort(thrown, ctx)
    const described = describeError(error as HttpErrorLike)

    if (wantsJson(ctx)) {
      if (described.status >= 500 && this.debug) return super.handle(error, ctx)
      return ctx.response.status(described.status).send({ errors: described.errors })
    }

    if (this.shouldFlashBack(ctx, described.status, described.code)) {
      ctx.session.flash('error', described.message)
      return ctx.response.redirect().back()
    }

    // Errors that render themselves (auth) show our wording in the flash message too.
    if (REWORDED.has(described.code) && error instanceof Error) error.message = described.message

    // Errors that render themselves (auth, bouncer) would bypass the status pages.
    if (described.status === 403 || described.status === 404) {
      return this.renderErrorAsHTML(
        Object.assign(toError(error), { status: described.status }),
        ctx
      )
    }
    return super.handle(error, ctx)
  }

  private shouldFlashBack(ctx: HttpContext, status: number, code: string) {
    const isForm = ctx.request.method() !== 'GET' && Boolean(ctx.request.header('x-inertia'))
    // The session must exist to carry the message (body-parser errors happen before it starts).
    const hasSession = 'session' in ctx && Boolean(ctx.session)
    const readable = [403, 404, 409, 429].includes(status) || code === 'E_BAD_CSRF_TOKEN'
    return isForm && hasSession && readable
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(asClientAbort(error, ctx), ctx)
  }
}

const REWORDED = new Set(['E_INVALID_CREDENTIALS', 'E_UNAUTHORIZED_ACCESS'])

function toError(error: unknown): Error & { status?: number } {
  return error instanceof Error ? error : new Error(String(error))
}
