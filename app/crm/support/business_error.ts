import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import { wantsJson } from '#core/http/wants_json'

/**
 * A well-formed request that breaks a CRM rule (moving a lost deal, sending a declined quote,
 * converting a converted lead). Services throw it before writing anything, so the transaction
 * rolls back and nothing changes.
 *
 * JSON clients get 422 `{ errors: [{ code: 'E_BUSINESS_RULE', message, field? }] }`; page visits go
 * back with the message flashed as an error toast (and as a field error when `field` is set).
 */
export class CrmRuleError extends Exception {
  static status = 422
  static code = 'E_BUSINESS_RULE'

  constructor(
    message: string,
    readonly field?: string
  ) {
    super(message, { status: 422, code: 'E_BUSINESS_RULE' })
  }

  async handle(error: this, ctx: HttpContext) {
    if (wantsJson(ctx)) {
      return ctx.response.status(422).send({
        errors: [{ code: error.code, message: error.message, field: error.field }],
      })
    }
    ctx.session.flash('error', error.message)
    if (error.field) ctx.session.flashErrors({ [error.field]: [error.message] })
    return ctx.response.redirect().back()
  }
}
