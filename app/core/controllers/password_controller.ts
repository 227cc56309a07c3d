import type { HttpContext } from '@adonisjs/core/http'
import hash from '@adonisjs/core/services/hash'
import { errors } from '@vinejs/vine'
import { passwordValidator } from '#core/validators/settings'
import { wantsJson } from '#core/http/wants_json'

/** PATCH /settings/password — needs the current password (a borrowed session is not enough). */
export default class PasswordController {
  async handle(ctx: HttpContext) {
    const { currentPassword, password } = await ctx.request.validateUsing(passwordValidator)
    const user = ctx.auth.getUserOrFail()
    if (!(await hash.verify(user.password, currentPassword))) {
      // A validation error like any other: 422 with the field for APIs, back to the form for pages.
      throw new errors.E_VALIDATION_ERROR([
        {
          field: 'currentPassword',
          message: 'The current password is not correct.',
          rule: 'current_password',
        },
      ])
    }
    user.password = password
    await user.save()
    if (wantsJson(ctx)) return { changed: true }
    ctx.session.flash('success', 'Password changed.')
    return ctx.response.redirect().back()
  }
}
