import type { HttpContext } from '@adonisjs/core/http'
import { atLeast } from '#core/abilities'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Execution from '#workflows/models/execution'
import ExecutionStep from '#workflows/models/execution_step'
import { cancelExecution } from '#workflows/services/execution_service'
import { answerWorkflowErrors } from '#workflows/services/workflow_error'
import { listExecutionsValidator } from '#workflows/validators/workflow_validators'
import { executionJson, pageMeta, stepJson } from '#workflows/controllers/serialize'

/** JSON API for executions (/api/v1/executions). Reads: viewer; cancel: builder. */
export default class ExecutionsController {
  async index({ request, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const filters = await listExecutionsValidator.validate(request.qs())
    const query = Execution.query().where('tenant_id', tenant.id).orderBy('id', 'desc')
    if (filters.workflowId) query.where('workflow_id', filters.workflowId)
    if (filters.status) query.where('status', filters.status)
    const page = await query.paginate(filters.page ?? 1, filters.perPage ?? 25)
    return { data: page.all().map(executionJson), meta: pageMeta(page) }
  }

  async show({ params, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const execution = await findForTenantOrFail(Execution, tenant.id, params.id)
    const steps = await ExecutionStep.query()
      .where('execution_id', execution.id)
      .orderBy('seq')
      .orderBy('id')
    return { data: { ...executionJson(execution), steps: steps.map(stepJson) } }
  }

  async cancel({ params, tenant, bouncer, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const execution = await findForTenantOrFail(Execution, tenant.id, params.id)
    return answerWorkflowErrors(response, async () => {
      await cancelExecution(execution)
      return { data: executionJson(execution) }
    })
  }
}
