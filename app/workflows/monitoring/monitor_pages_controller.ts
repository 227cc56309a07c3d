import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { errors as lucidErrors } from '@adonisjs/lucid'
import { atLeast } from '#core/abilities'
import { roleAtLeast, type Role } from '#core/roles'
import { entityRegistry } from '#core/entities/registry'
import { EXECUTION_STATUSES } from '#workflows/models/execution'
import { ERROR_CATEGORIES } from '#workflows/nodes/types'
import { nodeRegistry } from '#workflows/nodes/registry'
import { searchExecutions, type ExecutionFilters } from '#workflows/monitoring/execution_search'
import { loadExecutionView } from '#workflows/monitoring/execution_view'
import { executionFiltersValidator, toExecutionFilters } from '#workflows/monitoring/validators'
import { executionActions } from '#workflows/monitoring/execution_actions'
import { METRIC_RANGES } from '#workflows/monitoring/metrics'

/**
 * Pages of the live monitor: executions list, execution viewer, metrics and the queue page.
 * Their data also comes from the JSON API (monitor_api_controller) for live refreshes.
 */
export default class MonitorPagesController {
  /** /executions and /workflows/:id/executions */
  async executions({ inertia, request, params, bouncer, tenant }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const workflowScope = params.id ? await this.workflowOrFail(tenant.id, params.id) : null
    const [error, input] = await executionFiltersValidator.tryValidate(request.qs())
    const filters: ExecutionFilters = error ? {} : toExecutionFilters(input)
    if (workflowScope) filters.workflowId = workflowScope.id

    const [page, workflows] = await Promise.all([
      searchExecutions(tenant.id, filters),
      db
        .from('workflows')
        .where('tenant_id', tenant.id)
        .select('id', 'name')
        .orderBy('name')
        .limit(500),
    ])
    return inertia.render('workflows/executions/index', {
      page,
      query: error ? {} : request.qs(),
      filterError: error ? 'Some filters were invalid and were ignored.' : null,
      workflow: workflowScope,
      options: {
        workflows: workflows.map((w) => ({ id: Number(w.id), name: w.name as string })),
        statuses: [...EXECUTION_STATUSES],
        errorCategories: ERROR_CATEGORIES,
        triggerTypes: nodeRegistry
          .publicList()
          .filter((t) => t.category === 'trigger')
          .map((t) => ({ value: t.type, label: t.label })),
        entityTypes: entityRegistry.publicList().map((e) => ({ value: e.name, label: e.label })),
      },
    })
  }

  /** /executions/:id — the live viewer. */
  async show({ inertia, params, bouncer, tenant, membership }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const execution = await loadExecutionView(tenant.id, params.id)
    return inertia.render('workflows/executions/show', {
      execution,
      actions: executionActions(membership.role as Role),
    })
  }

  /** /workflows/metrics — the dashboard (its data comes from the API by range/workflow). */
  async metrics({ inertia, request, bouncer, tenant, membership }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const workflows = await db
      .from('workflows')
      .where('tenant_id', tenant.id)
      .select('id', 'name')
      .orderBy('name')
      .limit(500)
    const options = workflows.map((w) => ({ id: Number(w.id), name: w.name as string }))
    const wanted = Number(request.input('workflowId'))
    return inertia.render('workflows/metrics/index', {
      workflows: options,
      // Preselected workflow (?workflowId=), only if it is one of the tenant's.
      workflowId: options.some((w) => w.id === wanted) ? wanted : null,
      ranges: Object.keys(METRIC_RANGES),
      canManageQueues: roleAtLeast(membership.role as Role, 'admin'),
    })
  }

  /** /workflows/queues — admins only. */
  async queues({ inertia, bouncer, membership }: HttpContext) {
    await bouncer.authorize(atLeast, 'admin')
    return inertia.render('workflows/queues/index', {
      canRetry: executionActions(membership.role as Role).retry,
    })
  }

  private async workflowOrFail(tenantId: number, id: string) {
    const row = /^\d{1,18}$/.test(id)
      ? await db
          .from('workflows')
          .where('tenant_id', tenantId)
          .where('id', id)
          .select('id', 'name')
          .first()
      : null
    if (!row) throw new lucidErrors.E_ROW_NOT_FOUND()
    return { id: Number(row.id), name: row.name as string }
  }
}
