import type { HttpContext } from '@adonisjs/core/http'
import { atLeast } from '#core/abilities'
import { entityRegistry } from '#core/entities/registry'
import { DOMAIN_EVENTS } from '#core/events/catalog'

/**
 * Read-only catalog endpoints for the workflow builder's pickers: the registered entities (fields,
 * events; never their server-side operations) and the domain event catalog.
 */
export default class EntitiesController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'viewer')
    return { data: entityRegistry.publicList() }
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'viewer')
    const entity = entityRegistry.publicList().find((e) => e.name === ctx.params.name)
    if (!entity) {
      return ctx.response.status(404).send({
        errors: [{ code: 'E_UNKNOWN_ENTITY', message: `Unknown entity "${ctx.params.name}"` }],
      })
    }
    return { data: entity }
  }

  async events(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'viewer')
    return { data: DOMAIN_EVENTS }
  }
}
