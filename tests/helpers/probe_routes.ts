/*
 * Routes that exercise the C1 contract exactly the way module routes use it, for the core tests.
 * Importing this module registers them once (before the test HTTP server commits the router).
 */
import router from '@adonisjs/core/services/router'
import type { HttpContext } from '@adonisjs/core/http'
import { middleware } from '#start/kernel'
import Membership from '#core/models/membership'
import { atLeast } from '#core/abilities'
import { findForTenantOrFail } from '#core/tenancy/scoped'

router
  .group(() => {
    router.get('/api/_probe/whoami', (ctx: HttpContext) => ({
      tenantId: ctx.tenant.id,
      role: ctx.membership.role,
    }))
    router.post('/api/_probe/builder-only', async (ctx: HttpContext) => {
      await ctx.bouncer.authorize(atLeast, 'builder')
      return { ok: true, body: ctx.request.body() }
    })
    // Memberships are tenant-owned rows: look one up by id within the current tenant.
    router.get('/api/_probe/memberships/:id', async (ctx: HttpContext) => {
      const row = await findForTenantOrFail(Membership, ctx.tenant.id, ctx.params.id)
      return { id: row.id }
    })
    router.get('/_probe/builder-page', async (ctx: HttpContext) => {
      await ctx.bouncer.authorize(atLeast, 'builder')
      return ctx.inertia.render('dashboard/index', { summary: { members: 0, tiles: [] } })
    })
    router.get('/_probe/memberships/:id', async (ctx: HttpContext) => {
      await findForTenantOrFail(Membership, ctx.tenant.id, ctx.params.id)
      return ctx.inertia.render('dashboard/index', { summary: { members: 0, tiles: [] } })
    })
    router.get('/api/_probe/crash', () => {
      throw new Error('secret internal detail')
    })
  })
  .use([middleware.auth(), middleware.tenant()])
