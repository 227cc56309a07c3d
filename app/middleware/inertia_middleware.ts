import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import BaseInertiaMiddleware from '@adonisjs/inertia/inertia_middleware'
import Membership from '#core/models/membership'
import type User from '#core/models/user'
import type { Role } from '#core/roles'

/** What the tenant middleware would pick, without remembering it (read-only fallback). */
async function currentMembershipOf(user: User) {
  return Membership.query()
    .where('user_id', user.id)
    .preload('tenant')
    .orderByRaw('(tenant_id = ?) desc', [user.currentTenantId ?? 0])
    .orderBy('id', 'asc')
    .first()
}

/** The tenants a user can switch to (names only; the switcher posts the id). */
async function tenantsOf(userId: number) {
  const memberships = await Membership.query()
    .where('user_id', userId)
    .preload('tenant')
    .orderBy('id', 'asc')
  return memberships.map((m) => ({ id: m.tenant.id, name: m.tenant.name, role: m.role as Role }))
}

export default class InertiaMiddleware extends BaseInertiaMiddleware {
  async share(ctx: HttpContext) {
    // A page may render before session/auth/tenant ran (a 404, say): nothing here may assume them.
    const { session, auth } = ctx as Partial<HttpContext>
    const user = auth?.user
    // Pages outside tenant routes (a 404 for a signed-in user) still show the current tenant.
    const membership =
      (ctx as Partial<HttpContext>).membership ?? (user ? await currentMembershipOf(user) : null)
    const tenant = (ctx as Partial<HttpContext>).tenant ?? membership?.tenant
    return {
      errors: ctx.inertia.always(this.getValidationErrors(ctx)),
      flash: ctx.inertia.always({
        success: session?.flashMessages.get('success') as string | undefined,
        error: session?.flashMessages.get('error') as string | undefined,
      }),
      user: ctx.inertia.always(
        user
          ? {
              id: user.id,
              email: user.email,
              fullName: user.fullName,
              theme: user.theme,
              timezone: user.timezone,
            }
          : null
      ),
      tenant: ctx.inertia.always(
        tenant
          ? {
              id: tenant.id,
              name: tenant.name,
              slug: tenant.slug,
              timezone: tenant.timezone,
              currency: tenant.currency,
            }
          : null
      ),
      role: ctx.inertia.always((membership?.role as Role | undefined) ?? null),
      tenants: ctx.inertia.always(user ? await tenantsOf(user.id) : []),
    }
  }

  async handle(ctx: HttpContext, next: NextFn) {
    await this.init(ctx)
    const output = await next()
    this.dispose(ctx)
    return output
  }
}

declare module '@adonisjs/inertia/types' {
  type MiddlewareSharedProps = InferSharedProps<InertiaMiddleware>
  export interface SharedProps extends MiddlewareSharedProps {}
}
