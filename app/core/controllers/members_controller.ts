import type { HttpContext } from '@adonisjs/core/http'
import { atLeast } from '#core/abilities'
import { membershipService } from '#core/services/membership_service'
import { addMemberValidator, changeRoleValidator } from '#core/validators/settings'
import { wantsJson } from '#core/http/wants_json'

/** Members of the current tenant and their roles. Everyone may look; admins manage. */
export default class MembersController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'viewer')
    const memberships = await membershipService.list(ctx.tenant.id)
    const members = memberships.map((m) => ({
      id: m.id,
      userId: m.userId,
      email: m.user.email,
      fullName: m.user.fullName,
      role: m.role,
      since: m.createdAt.toISO(),
    }))
    if (wantsJson(ctx)) return { data: members }
    // Set by store() when it created an account: shown once, on this page, until dismissed.
    const newAccount =
      (ctx.session.flashMessages.get('newAccount') as { email: string; password: string }) ?? null
    return ctx.inertia.render('settings/members', { members, newAccount })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'admin')
    const { email, role } = await ctx.request.validateUsing(addMemberValidator)
    const { membership, temporaryPassword } = await membershipService.add(
      ctx.membership,
      email,
      role
    )
    if (temporaryPassword && !wantsJson(ctx)) {
      ctx.session.flash('newAccount', { email, password: temporaryPassword })
    }
    const message = temporaryPassword
      ? `${email} added as ${role} with a new account.`
      : `${email} added as ${role}.`
    return this.done(ctx, message, { id: membership.id, role, temporaryPassword }, 201)
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'admin')
    const { role } = await ctx.request.validateUsing(changeRoleValidator)
    const membership = await membershipService.changeRole(ctx.membership, ctx.params.id, role)
    return this.done(ctx, `Role changed to ${role}.`, { id: membership.id, role })
  }

  async destroy(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'admin')
    await membershipService.remove(ctx.membership, ctx.params.id)
    return this.done(ctx, 'Member removed.', { removed: true })
  }

  private done(ctx: HttpContext, message: string, body: object, status = 200) {
    if (wantsJson(ctx)) return ctx.response.status(status).send(body)
    ctx.session.flash('success', message)
    return ctx.response.redirect('/settings/members')
  }
}
