import type { HttpContext } from '@adonisjs/core/http'
import { profileValidator, TIMEZONES } from '#core/validators/settings'
import { wantsJson } from '#core/http/wants_json'

/** The signed-in user's own settings: name, time zone (times show in it), theme. */
export default class ProfileController {
  async show({ inertia }: HttpContext) {
    return inertia.render('settings/profile', { timezones: TIMEZONES })
  }

  async update(ctx: HttpContext) {
    const { fullName, timezone } = await ctx.request.validateUsing(profileValidator)
    const user = ctx.auth.getUserOrFail()
    user.merge({ fullName, timezone })
    await user.save()
    if (wantsJson(ctx)) return { fullName: user.fullName, timezone: user.timezone }
    ctx.session.flash('success', 'Settings saved.')
    return ctx.response.redirect().back()
  }
}
