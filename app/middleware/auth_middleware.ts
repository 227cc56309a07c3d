import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'
import { errors as authErrors } from '@adonisjs/auth'
import { wantsJson } from '#core/http/wants_json'

/**
 * Requires a signed-in user. Pages redirect to /login (remembering the intended URL); API requests
 * (`/api/*` or `Accept: application/json`) get a 401 JSON answer instead of a redirect.
 */
export default class AuthMiddleware {
  redirectTo = '/login'

  async handle(
    ctx: HttpContext,
    next: NextFn,
    options: { guards?: (keyof Authenticators)[] } = {}
  ) {
    try {
      await ctx.auth.authenticateUsing(options.guards, { loginRoute: this.redirectTo })
    } catch (error) {
      if (error instanceof authErrors.E_UNAUTHORIZED_ACCESS && wantsJson(ctx)) {
        return ctx.response.unauthorized({
          errors: [{ code: 'E_UNAUTHORIZED_ACCESS', message: 'Sign in to continue.' }],
        })
      }
      throw error
    }
    return next()
  }
}
