/*
 * Core routes: sign-in, the dashboard, tenant switching and personal settings.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SessionController = () => import('#core/controllers/session_controller')
const DashboardController = () => import('#core/controllers/dashboard_controller')
const TenantSwitchController = () => import('#core/controllers/tenant_switch_controller')
const ThemeController = () => import('#core/controllers/theme_controller')

router
  .group(() => {
    router.get('/login', [SessionController, 'create']).as('session.create')
    router.post('/login', [SessionController, 'store']).as('session.store')
  })
  .use(middleware.guest())

router.post('/logout', [SessionController, 'destroy']).as('session.destroy').use(middleware.auth())

router
  .group(() => {
    router.get('/', [DashboardController]).as('dashboard')
    router.post('/tenants/switch', [TenantSwitchController]).as('tenants.switch')
    router.patch('/settings/theme', [ThemeController]).as('settings.theme')
  })
  .use([middleware.auth(), middleware.tenant()])
