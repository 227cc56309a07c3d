import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import Notification from '#workflows/models/notification'
import { listNotificationsValidator } from '#workflows/validators/workflow_validators'
import { notificationJson, pageMeta } from '#workflows/controllers/serialize'
import { notificationChannel } from '#workflows/services/notification_service'

/** The bell: the signed-in user's notifications in the current tenant. */
export default class NotificationsController {
  async index({ request, tenant, auth }: HttpContext) {
    const filters = await listNotificationsValidator.validate(request.qs())
    const mine = () =>
      Notification.query().where('tenant_id', tenant.id).where('user_id', auth.user!.id)
    const query = mine().orderBy('id', 'desc')
    if (filters.unread) query.whereNull('read_at')
    const page = await query.paginate(filters.page ?? 1, filters.perPage ?? 20)
    const unread = await mine().whereNull('read_at').count('* as total').first()
    return {
      data: page.all().map(notificationJson),
      meta: {
        ...pageMeta(page),
        unread: Number(unread?.$extras.total ?? 0),
        channel: notificationChannel(tenant.id, auth.user!.id),
      },
    }
  }

  async markRead({ params, tenant, auth }: HttpContext) {
    const notification = await Notification.query()
      .where('tenant_id', tenant.id)
      .where('user_id', auth.user!.id)
      .where('id', Number(params.id) || 0)
      .firstOrFail()
    if (!notification.readAt) {
      notification.readAt = DateTime.now()
      await notification.save()
    }
    return { data: notificationJson(notification) }
  }

  async markAllRead({ tenant, auth }: HttpContext) {
    const updated = await Notification.query()
      .where('tenant_id', tenant.id)
      .where('user_id', auth.user!.id)
      .whereNull('read_at')
      .update({ read_at: DateTime.now().toSQL() })
    return { data: { updated: Number(Array.isArray(updated) ? updated[0] : updated) } }
  }
}
