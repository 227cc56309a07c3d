import type { HttpContext } from '@adonisjs/core/http'
import Activity, { ACTIVITY_TYPES } from '#crm/models/activity'
import { activityService } from '#crm/services/activity_service'
import { actor, authorize, respond } from '#crm/support/http'
import { listFilters, paginate } from '#crm/support/listing'
import type { ActivityView } from '#crm/types'
import { createActivityValidator, updateActivityValidator } from '#crm/validators/activities'

const present = (activity: Activity) => activity.serialize() as ActivityView

/** Activities: the to-do list across the CRM, and logging / completing from any record page. */
export default class ActivitiesController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'viewer')
    const filters = await listFilters(ctx)
    const query = Activity.query().where('tenant_id', ctx.tenant.id)
    if (filters.status === 'open') query.where('done', false)
    if (filters.status === 'done') query.where('done', true)
    if (!filters.sortField) query.orderByRaw('done asc, due_at asc nulls last')
    const activities = await paginate(query, filters, {
      searchColumns: ['subject', 'notes'],
      sortable: { subject: 'subject', dueAt: 'due_at', type: 'type' },
      present,
    })
    return ctx.inertia.render('crm/activities/index', {
      activities,
      filters,
      types: [...ACTIVITY_TYPES],
    })
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const input = await ctx.request.validateUsing(createActivityValidator)
    const activity = await activityService.log(ctx.tenant.id, input, actor(ctx))
    return respond(ctx, activity, 'Activity logged', { created: true })
  }

  async update(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const input = await ctx.request.validateUsing(updateActivityValidator)
    const activity = await activityService.update(ctx.tenant.id, ctx.params.id, input, actor(ctx))
    return respond(ctx, activity, 'Activity saved')
  }

  async complete(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const activity = await activityService.complete(ctx.tenant.id, ctx.params.id, actor(ctx))
    return respond(ctx, activity, 'Activity done')
  }
}
