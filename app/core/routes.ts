/*
 * Core routes: sign-in, the dashboard, tenant switching, personal settings and tenant members.
 * The same URLs answer JSON to API clients (`Accept: application/json`).
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SessionController = () => import('#core/controllers/session_controller')
const DashboardController = () => import('#core/controllers/dashboard_controller')
const TenantSwitchController = () => import('#core/controllers/tenant_switch_controller')
const ThemeController = () => import('#core/controllers/theme_controller')
const ProfileController = () => import('#core/controllers/profile_controller')
const MembersController = () => import('#core/controllers/members_controller')
const PasswordController = () => import('#core/controllers/password_controller')

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
    router.get('/settings', [ProfileController, 'show']).as('settings.profile')
    router.patch('/settings/profile', [ProfileController, 'update']).as('settings.profile.update')
    router.patch('/settings/password', [PasswordController]).as('settings.password')
    router.get('/settings/members', [MembersController, 'index']).as('members.index')
    router.post('/settings/members', [MembersController, 'store']).as('members.store')
    router.patch('/settings/members/:id', [MembersController, 'update']).as('members.update')
    router.delete('/settings/members/:id', [MembersController, 'destroy']).as('members.destroy')
  })
  .use([middleware.auth(), middleware.tenant()])
