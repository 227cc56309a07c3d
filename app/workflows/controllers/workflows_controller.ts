import type { HttpContext } from '@adonisjs/core/http'
import { atLeast } from '#core/abilities'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Workflow from '#workflows/models/workflow'
import WorkflowVersion from '#workflows/models/workflow_version'
import { workflowService } from '#workflows/services/workflow_service'
import { runManually } from '#workflows/services/execution_service'
import { answerWorkflowErrors } from '#workflows/services/workflow_error'
import {
  createWorkflowValidator,
  draftValidator,
  listWorkflowsValidator,
  publishValidator,
  runValidator,
  updateWorkflowValidator,
  validateGraphValidator,
} from '#workflows/validators/workflow_validators'
import { pageMeta, versionJson, workflowJson } from '#workflows/controllers/serialize'

/** JSON API for workflow definitions (/api/v1/workflows). Reads: viewer; writes: builder. */
export default class WorkflowsController {
  async index({ request, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const filters = await listWorkflowsValidator.validate(request.qs())
    const query = Workflow.query().where('tenant_id', tenant.id).orderBy('updated_at', 'desc')
    if (filters.status) query.where('status', filters.status)
    if (filters.search) {
      const term = `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      query.where((q) => q.whereILike('name', term).orWhereILike('description', term))
    }
    const page = await query.paginate(filters.page ?? 1, filters.perPage ?? 25)
    return { data: page.all().map((w) => workflowJson(w)), meta: pageMeta(page) }
  }

  async store({ request, tenant, auth, bouncer, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const data = await createWorkflowValidator.validate(request.all())
    return answerWorkflowErrors(response, async () => {
      const workflow = await workflowService.create(tenant.id, auth.user!.id, data)
      return response.created({ data: workflowJson(workflow, { graph: true }) })
    })
  }

  async show({ params, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const versions = await WorkflowVersion.query()
      .where('workflow_id', workflow.id)
      .orderBy('number', 'desc')
      .limit(50)
    return {
      data: {
        ...workflowJson(workflow, { graph: true }),
        versions: versions.map((v) => versionJson(v)),
      },
    }
  }

  async update({ params, request, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const data = await updateWorkflowValidator.validate(request.all())
    await workflowService.update(workflow, data)
    return { data: workflowJson(workflow, { graph: true }) }
  }

  async destroy({ params, tenant, bouncer, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    await workflowService.destroy(workflow)
    return response.noContent()
  }

  async saveDraft({ params, request, tenant, bouncer, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const { graph } = await draftValidator.validate(request.all())
    return answerWorkflowErrors(response, async () => {
      await workflowService.saveDraft(workflow, graph)
      return {
        data: workflowJson(workflow, { graph: true }),
        issues: workflowService.validate(workflow.draftGraph),
      }
    })
  }

  /** Validates the stored draft, or the graph in the body (the builder's unsaved state). */
  async validate({ params, request, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const { graph } = await validateGraphValidator.validate(request.all())
    const issues = workflowService.validate(graph ?? workflow.draftGraph)
    return { valid: issues.length === 0, issues }
  }

  async publish({ params, request, tenant, auth, bouncer, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const { note } = await publishValidator.validate(request.all())
    return answerWorkflowErrors(response, async () => {
      const version = await workflowService.publish(workflow, auth.user!.id, note)
      return response.created({
        data: { workflow: workflowJson(workflow), version: versionJson(version) },
      })
    })
  }

  async activate({ params, tenant, bouncer, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    return answerWorkflowErrors(response, async () => {
      await workflowService.activate(workflow)
      return { data: workflowJson(workflow) }
    })
  }

  async pause({ params, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    await workflowService.pause(workflow)
    return { data: workflowJson(workflow) }
  }

  async archive({ params, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    await workflowService.archive(workflow)
    return { data: workflowJson(workflow) }
  }

  async run({ params, request, tenant, auth, bouncer, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const { input, priority } = await runValidator.validate(request.all())
    return answerWorkflowErrors(response, async () => {
      const executionId = await runManually(workflow, input ?? {}, {
        userId: auth.user!.id,
        priority,
      })
      return response.accepted({ data: { executionId } })
    })
  }

  async versions({ params, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const versions = await WorkflowVersion.query()
      .where('workflow_id', workflow.id)
      .orderBy('number', 'desc')
    return { data: versions.map((v) => versionJson(v)) }
  }

  async version({ params, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const version = await WorkflowVersion.query()
      .where('workflow_id', workflow.id)
      .where('number', Number(params.number) || 0)
      .firstOrFail()
    return { data: versionJson(version, { graph: true }) }
  }
}
