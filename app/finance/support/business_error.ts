import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import { wantsJson } from '#core/http/wants_json'

/**
 * A request that is well formed but breaks a business rule (paying a void invoice, approving a
 * rejected expense, issuing more stock than is on hand). Thrown by services before anything is
 * written, so the caller's transaction rolls back and nothing changes.
 *
 * JSON clients get 422 `{ errors: [{ code, message, field? }] }`; page visits go back with the
 * message flashed as an error toast.
 */
export class BusinessRuleError extends Exception {
  static status = 422
  static code = 'E_BUSINESS_RULE'

  /** The input field the rule is about, when there is one (forms show the message there). */
  declare readonly field?: string

  constructor(message: string, field?: string) {
    super(message, { status: 422, code: 'E_BUSINESS_RULE' })
    Object.defineProperty(this, 'field', { value: field, enumerable: true })
  }

  async handle(error: this, ctx: HttpContext) {
    if (wantsJson(ctx)) {
      return ctx.response.status(422).send({
        errors: [{ code: error.code, message: error.message, field: error.field }],
      })
    }
    ctx.session.flash('error', error.message)
    // The Inertia middleware reads field errors from `inputErrorsBag` (forms show them inline).
    if (error.field) ctx.session.flash('inputErrorsBag', { [error.field]: [error.message] })
    return ctx.response.redirect().back()
  }
}
