/*
 * Resume URLs of "Wait for callback" steps (issue 8). External systems cannot send a CSRF token
 * or a session: the signed token is the credential, so the route is CSRF-exempt.
 */
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { CALLBACK_ROUTE } from '#workflows/callbacks/tokens'

const CallbacksController = () => import('#workflows/callbacks/callbacks_controller')

router.post(CALLBACK_ROUTE, [CallbacksController, 'receive']).as('api.v1.callbacks')

const csrf = app.config.get<{ exceptRoutes?: unknown }>('shield.csrf', {})
if (Array.isArray(csrf.exceptRoutes) && !csrf.exceptRoutes.includes(CALLBACK_ROUTE)) {
  csrf.exceptRoutes.push(CALLBACK_ROUTE)
}
