import type { HttpContext } from '@adonisjs/core/http'
import { dashboardSummary } from '#core/services/dashboard_summary'

/** GET / — the landing page for guests, the tenant dashboard for signed-in users. */
export default class DashboardController {
  async handle(ctx: HttpContext) {
    return ctx.inertia.render('dashboard/index', {
      summary: await dashboardSummary(ctx.tenant.id),
    })
  }
}
