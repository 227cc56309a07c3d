/*
 * Transmit (server-sent events): routes and channel authorization. Channels are deny-by-default:
 * a channel that matches no rule below cannot be subscribed to.
 *
 *   tenants/:tenantId/:topic[/:id]            members of that tenant (approvals: approver or above)
 *   tenants/:tenantId/users/:userId/:topic    that user only, while a member of that tenant
 *   workflows/executions/:id                  members of the execution's tenant
 */
import transmit from '@adonisjs/transmit/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import { channelAccess } from '#core/realtime/channel_access'

/* Only signed-in users may open a stream or subscribe (each channel is then checked below). */
transmit.registerRoutes((route) => {
  route.use(async (ctx, next) => {
    if (!(await ctx.auth.check()))
      return ctx.response.unauthorized({ errors: [{ message: 'Sign in to continue.' }] })
    return next()
  })
})

transmit.authorize<{ tenantId: string; topic: string }>(
  'tenants/:tenantId/:topic',
  (ctx: HttpContext, { tenantId, topic }) =>
    channelAccess.tenantTopic(ctx.auth.user, tenantId, topic)
)

transmit.authorize<{ tenantId: string; topic: string; id: string }>(
  'tenants/:tenantId/:topic/:id',
  (ctx: HttpContext, { tenantId, topic }) =>
    channelAccess.tenantTopic(ctx.auth.user, tenantId, topic)
)

transmit.authorize<{ tenantId: string; userId: string; topic: string }>(
  'tenants/:tenantId/users/:userId/:topic',
  (ctx: HttpContext, { tenantId, userId }) =>
    channelAccess.personal(ctx.auth.user, tenantId, userId)
)

transmit.authorize<{ id: string }>('workflows/executions/:id', (ctx: HttpContext, { id }) =>
  channelAccess.execution(ctx.auth.user, id)
)

/* Anything else is refused (a secured catch-all: unsecured channels would be open to everyone). */
transmit.authorize('*', () => false)
