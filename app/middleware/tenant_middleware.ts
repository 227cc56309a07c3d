import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { Exception } from '@adonisjs/core/exceptions'
import Membership from '#core/models/membership'
import type Tenant from '#core/models/tenant'
import { setCurrentMembership } from '#core/tenancy/current'

/**
 * Resolves the tenant a signed-in user works in: the membership of `user.currentTenantId`, or their
 * first membership when that is unset or no longer valid (then remembered). The tenant always comes
 * from the session's user, never from the request. A user without any membership gets a 403.
 * Runs after `auth()`.
 */
export default class TenantMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.getUserOrFail()
    const membership = await Membership.query()
      .where('user_id', user.id)
      .preload('tenant')
      .orderByRaw('(tenant_id = ?) desc', [user.currentTenantId ?? 0])
      .orderBy('id', 'asc')
      .first()

    if (!membership) {
      throw new Exception('Your account is not a member of any organization.', {
        status: 403,
        code: 'E_NO_MEMBERSHIP',
      })
    }

    if (user.currentTenantId !== membership.tenantId) {
      user.currentTenantId = membership.tenantId
      await user.save()
    }

    setCurrentMembership(user, membership)
    ctx.tenant = membership.tenant
    ctx.membership = membership
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    /** The current tenant; set by the `tenant` middleware (routes without it must not read it). */
    tenant: Tenant
    /** The signed-in user's membership (role) in `tenant`. */
    membership: Membership
  }
}
