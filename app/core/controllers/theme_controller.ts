import type { HttpContext } from '@adonisjs/core/http'
import { themeValidator } from '#core/validators/settings'
import { wantsJson } from '#core/http/wants_json'

/** PATCH /settings/theme — the dark/light choice follows the user to every device. */
export default class ThemeController {
  async handle(ctx: HttpContext) {
    const { theme } = await ctx.request.validateUsing(themeValidator)
    const user = ctx.auth.getUserOrFail()
    user.theme = theme
    await user.save()
    if (wantsJson(ctx)) return { theme }
    return ctx.response.redirect().back()
  }
}
