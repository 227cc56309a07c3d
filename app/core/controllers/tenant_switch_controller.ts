import type { HttpContext } from '@adonisjs/core/http'
import Membership from '#core/models/membership'
import { switchTenantValidator } from '#core/validators/settings'
import { wantsJson } from '#core/http/wants_json'

/** POST /tenants/switch — work in another tenant the user is a member of. */
export default class TenantSwitchController {
  async handle(ctx: HttpContext) {
    const { request, auth, response, session } = ctx
    const { tenantId } = await request.validateUsing(switchTenantValidator)
    const user = auth.getUserOrFail()
    const membership = await Membership.query()
      .where('user_id', user.id)
      .where('tenant_id', tenantId)
      .preload('tenant')
      .first()

    // Not a member answers exactly like a tenant that does not exist.
    if (!membership) {
      if (wantsJson(ctx)) {
        return response.notFound({
          errors: [{ code: 'E_ROW_NOT_FOUND', message: 'The record does not exist.' }],
        })
      }
      session.flash('error', 'You are not a member of that organization.')
      return response.redirect().back()
    }

    user.currentTenantId = membership.tenantId
    await user.save()
    if (wantsJson(ctx)) {
      return { tenant: { id: membership.tenant.id, name: membership.tenant.name } }
    }
    session.flash('success', `Now working in ${membership.tenant.name}.`)
    return response.redirect('/')
  }
}
