import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { atLeast } from '#core/abilities'
import { type Role } from '#core/roles'
import { searchExecutions } from '#workflows/monitoring/execution_search'
import {
  PAYLOAD_PARTS,
  executionPayload,
  loadExecutionView,
} from '#workflows/monitoring/execution_view'
import { executionFiltersValidator, toExecutionFilters } from '#workflows/monitoring/validators'
import { executionActions } from '#workflows/monitoring/execution_actions'
import { METRIC_RANGES, workflowMetrics, type MetricRange } from '#workflows/monitoring/metrics'
import { queueDepth, queueOverview } from '#workflows/monitoring/queue_overview'
import { scheduleOverview, webhookDeliveries } from '#workflows/monitoring/triggers_overview'
import { recordAutomation, recordExecutions } from '#workflows/monitoring/record_automation'
import { entityRegistry } from '#core/entities/registry'

const payloadValidator = vine.create({
  part: vine.enum(PAYLOAD_PARTS),
  stepId: vine.number().withoutDecimals().positive().optional(),
})

const metricsValidator = vine.create({
  range: vine.enum(Object.keys(METRIC_RANGES) as MetricRange[]).optional(),
  workflowId: vine.number().withoutDecimals().positive().optional(),
})

const recordValidator = vine.create({
  entityType: vine.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  entityId: vine.string().regex(/^[\w-]{1,64}$/),
})

function validTimezone(zone: string | null | undefined) {
  if (!zone) return null
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone
  } catch {
    return null
  }
}

/** JSON API of the monitor (/api/v1/monitor/..., /api/v1/records/.../automation). */
export default class MonitorApiController {
  /** GET /api/v1/monitor/executions — filters, text search, keyset pages (`nextCursor`). */
  async executions({ request, bouncer, tenant }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const input = await executionFiltersValidator.validate(request.qs())
    return searchExecutions(tenant.id, toExecutionFilters(input))
  }

  /** GET /api/v1/monitor/executions/:id — what the viewer re-reads on every live message. */
  async execution({ params, bouncer, tenant, membership }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const execution = await loadExecutionView(tenant.id, params.id)
    return { data: execution, actions: executionActions(membership.role as Role) }
  }

  /** GET /api/v1/monitor/executions/:id/payload?part=output&stepId=… — "load full". */
  async payload({ params, request, bouncer, tenant }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const { part, stepId } = await payloadValidator.validate(request.qs())
    return { data: await executionPayload(tenant.id, params.id, part, stepId) }
  }

  /** GET /api/v1/monitor/metrics?range=7d&workflowId=… */
  async metrics({ request, bouncer, tenant, auth }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const { range, workflowId } = await metricsValidator.validate(request.qs())
    const timezone = validTimezone(auth.user?.timezone) ?? validTimezone(tenant.timezone) ?? 'UTC'
    const [metrics, schedules, webhooks, queues] = await Promise.all([
      workflowMetrics(tenant.id, { range: range ?? '7d', workflowId, timezone }),
      scheduleOverview(tenant.id, workflowId),
      webhookDeliveries(tenant.id, workflowId),
      queueDepth(tenant.id),
    ])
    return { data: { ...metrics, timezone, schedules, webhooks, queue: queues } }
  }

  /** GET /api/v1/monitor/queues — admins: Redis queue counts, workers, per-workflow work. */
  async queues({ bouncer, tenant }: HttpContext) {
    await bouncer.authorize(atLeast, 'admin')
    return { data: await queueOverview(tenant.id) }
  }

  /**
   * GET /api/v1/records/:entityType/:entityId/automation — the record pages' Automation tab.
   * `?part=executions` answers only the executions (the tab's cheap live refresh).
   */
  async recordAutomation({ params, request, response, bouncer, tenant, membership }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const { entityType, entityId } = await recordValidator.validate(params)
    // Only a record of this tenant has an Automation tab (another tenant's id is not found).
    const entity = entityRegistry.has(entityType) ? entityRegistry.get(entityType) : null
    if (!entity || !(await entity.operations.find(tenant.id, entityId))) {
      return response.notFound({ errors: [{ message: `No ${entityType} ${entityId}` }] })
    }
    if (request.input('part') === 'executions') {
      return { data: { executions: await recordExecutions(tenant.id, entityType, entityId) } }
    }
    const data = await recordAutomation(tenant.id, entityType, entityId)
    const role = membership.role as Role
    return {
      data,
      permissions: {
        toggle: ['owner', 'admin'].includes(role),
        run: ['owner', 'admin', 'builder'].includes(role),
      },
    }
  }
}
