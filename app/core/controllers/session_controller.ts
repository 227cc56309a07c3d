import type { HttpContext } from '@adonisjs/core/http'
import User from '#core/models/user'
import { loginValidator } from '#core/validators/auth'
import { loginThrottle, loginThrottleKey } from '#core/services/login_throttle'

export default class SessionController {
  async create({ inertia }: HttpContext) {
    return inertia.render('auth/login', {})
  }

  /**
   * Wrong credentials count against the (IP, email) throttle; when it trips the client gets a 429
   * (a toast on the login page) until the block expires.
   */
  async store({ request, auth, response, session }: HttpContext) {
    const { email, password } = await request.validateUsing(loginValidator)
    const throttle = loginThrottle()
    const key = loginThrottleKey(request.ip(), email)

    const [throttled, user] = await throttle.penalize(key, () =>
      User.verifyCredentials(email, password)
    )
    if (throttled) {
      const seconds = throttled.response.availableIn
      throttled.setMessage(
        `Too many failed sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`
      )
      throw throttled
    }

    await throttle.delete(key)
    // login() regenerates the session id (no session fixation).
    await auth.use('web').login(user)
    return response.redirect(session.pullIntendedUrl() ?? '/')
  }

  async destroy({ auth, response, session }: HttpContext) {
    await auth.use('web').logout()
    session.flash('success', 'You are signed out.')
    return response.redirect('/login')
  }
}
