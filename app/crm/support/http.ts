import type { HttpContext } from '@adonisjs/core/http'
import { atLeast } from '#core/abilities'
import { wantsJson } from '#core/http/wants_json'
import type { Role } from '#core/roles'
import type { ServiceOptions } from '#crm/support/transactions'

/** Authorizes the current member's role (403 below `minimum`). */
export function authorize(ctx: HttpContext, minimum: Role) {
  return ctx.bouncer.authorize(atLeast, minimum)
}

/** Service options for a change made by the signed-in user. */
export function actor(ctx: HttpContext): ServiceOptions {
  return { actorId: ctx.auth.user?.id ?? null }
}

/**
 * After a successful write: JSON clients get the record (201 for creates), page visits a flash
 * message and a redirect (`to`, or back to the previous page).
 */
export function respond(
  ctx: HttpContext,
  record: { serialize(): Record<string, unknown> } | Record<string, unknown>,
  message: string,
  options: { to?: string; created?: boolean } = {}
) {
  if (wantsJson(ctx)) {
    const body = typeof record.serialize === 'function' ? (record as any).serialize() : record
    return ctx.response.status(options.created ? 201 : 200).send({ data: body })
  }
  ctx.session.flash('success', message)
  return options.to ? ctx.response.redirect(options.to) : ctx.response.redirect().back()
}
