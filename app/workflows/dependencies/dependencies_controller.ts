import type { HttpContext } from '@adonisjs/core/http'
import { errors as lucidErrors } from '@adonisjs/lucid'
import { atLeast } from '#core/abilities'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import { checkGraphShape, type WorkflowGraph } from '#workflows/engine/graph'
import Workflow from '#workflows/models/workflow'
import { WorkflowError } from '#workflows/services/workflow_error'
import { archiveImpact, publishImpact } from '#workflows/dependencies/impact'
import { scannedOrFail, scanTenantWorkflows } from '#workflows/dependencies/tenant_scan'
import { tenantDependencyGraph } from '#workflows/dependencies/tenant_graph'
import { dependenciesOf } from '#workflows/dependencies/workflow_dependencies'
import type { ImpactAction } from '#workflows/dependencies/types'
import {
  bulkImpactValidator,
  impactBodyValidator,
  impactQueryValidator,
} from '#workflows/dependencies/validators'

async function workflowDependencies(tenantId: number, workflowId: number) {
  const all = await scanTenantWorkflows(tenantId)
  return dependenciesOf(scannedOrFail(all, workflowId), all)
}

async function impactOf(
  tenantId: number,
  workflow: Workflow,
  action: ImpactAction,
  graph?: unknown
) {
  if (action === 'archive') {
    const [report] = await archiveImpact(tenantId, [workflow.id])
    return report
  }
  if (graph !== undefined && graph !== null) {
    const issues = checkGraphShape(graph)
    if (issues.length) {
      throw new WorkflowError('The graph is not a valid workflow document', issues, {
        code: 'E_INVALID_GRAPH',
      })
    }
  }
  return publishImpact(tenantId, workflow.id, (graph ?? undefined) as WorkflowGraph | undefined)
}

/** The ids of `?ids=1,2` or `?ids[]=1&ids[]=2`. */
function idsOf(raw: unknown) {
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : []
  return list.map((item) => String(item).trim()).filter((item) => item !== '')
}

/**
 * Dependencies (viewer and up) and impact analysis (builder and up: it is asked before publishing
 * or archiving, which builders do) of a tenant's workflows, plus the dependencies page.
 */
export default class DependenciesController {
  /** GET /workflows/:id/dependencies — graph and lists of one workflow's dependencies. */
  async page({ inertia, params, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    return inertia.render('workflows/dependencies/index', {
      dependencies: await workflowDependencies(tenant.id, workflow.id),
    })
  }

  /** GET /api/v1/workflows/:id/dependencies */
  async show({ params, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    return { data: await workflowDependencies(tenant.id, workflow.id) }
  }

  /** GET /api/v1/dependencies — the tenant-wide graph. */
  async index({ tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    return { data: tenantDependencyGraph(await scanTenantWorkflows(tenant.id)) }
  }

  /** GET /api/v1/workflows/:id/impact?action=publish|archive (publish: the saved draft). */
  async impact({ params, request, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const { action } = await impactQueryValidator.validate(request.qs())
    return { data: await impactOf(tenant.id, workflow, action) }
  }

  /** POST /api/v1/workflows/:id/impact { action, graph? } — publish impact of an unsaved graph. */
  async impactOfGraph({ params, request, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const { action, graph } = await impactBodyValidator.validate(request.all())
    return { data: await impactOf(tenant.id, workflow, action, graph) }
  }

  /** GET /api/v1/dependencies/impact?action=archive&ids=1,2 — one report per workflow (bulk archive). */
  async bulkImpact({ request, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const { ids } = await bulkImpactValidator.validate({
      action: request.qs().action,
      ids: idsOf(request.qs().ids),
    })
    const found = await Workflow.query()
      .where('tenant_id', tenant.id)
      .whereIn('id', ids)
      .select('id')
    if (found.length !== ids.length) throw new lucidErrors.E_ROW_NOT_FOUND(Workflow)
    return { data: await archiveImpact(tenant.id, ids) }
  }
}
