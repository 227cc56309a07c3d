import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { atLeast } from '#core/abilities'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Execution from '#workflows/models/execution'
import Workflow from '#workflows/models/workflow'
import { executionJson } from '#workflows/controllers/serialize'
import { answerWorkflowErrors } from '#workflows/services/workflow_error'
import {
  replayExecution,
  retryFromFailedStep,
  skipStep,
} from '#workflows/reliability/interventions'
import { findDeadLetter, listDeadLetters } from '#workflows/reliability/dead_letters'
import { failureAnalytics } from '#workflows/reliability/analytics'
import { quotaUsage, saveTenantLimits, tenantLimits } from '#workflows/reliability/quotas'
import {
  cancelQueued,
  drain,
  retryFailed,
  setExecutionsPaused,
  stateCounts,
} from '#workflows/reliability/queue_actions'
import {
  saveWorkflowReliability,
  workflowReliability,
} from '#workflows/reliability/workflow_settings'
import {
  analyticsValidator,
  deadLettersValidator,
  quotasValidator,
  queueActionValidator,
  reliabilitySettingsValidator,
  replayValidator,
  skipStepValidator,
} from '#workflows/reliability/validators'

async function withReplayLink(execution: Execution) {
  const row = await db
    .from('executions')
    .where('id', execution.id)
    .select('replay_of_execution_id')
    .first()
  const replayOf = row?.replay_of_execution_id
  return { ...executionJson(execution), replayOfExecutionId: replayOf ? Number(replayOf) : null }
}

/**
 * Interventions, replay, dead letters, reliability settings and failure analytics
 * (/api/v1/...). Reads: viewer; anything that changes an execution or a setting: builder.
 */
export default class ReliabilityController {
  async retry({ params, tenant, bouncer, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const execution = await findForTenantOrFail(Execution, tenant.id, params.id)
    return answerWorkflowErrors(response, async () => ({
      data: await withReplayLink(await retryFromFailedStep(execution)),
    }))
  }

  async skip({ params, request, tenant, bouncer, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const execution = await findForTenantOrFail(Execution, tenant.id, params.id)
    const input = await request.validateUsing(skipStepValidator)
    return answerWorkflowErrors(response, async () => ({
      data: await withReplayLink(
        await skipStep(execution, {
          nodeId: input.nodeId,
          scopeKey: input.scopeKey,
          output: input.output ?? null,
        })
      ),
    }))
  }

  async replay({ params, request, tenant, auth, bouncer, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const execution = await findForTenantOrFail(Execution, tenant.id, params.id)
    const input = await request.validateUsing(replayValidator)
    return answerWorkflowErrors(response, async () => {
      const replay = await replayExecution(execution, {
        mode: input.mode,
        latestVersion: input.latestVersion,
        input: input.input,
        userId: auth.user?.id ?? null,
      })
      response.status(201)
      return { data: await withReplayLink(replay) }
    })
  }

  async deadLetters({ request, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const filters = await deadLettersValidator.validate(request.qs())
    const limit = filters.limit ?? 50
    const rows = await listDeadLetters({ ...filters, tenantId: tenant.id, limit })
    return {
      data: rows,
      meta: { limit, nextAfterId: rows.length === limit ? rows[rows.length - 1].id : null },
    }
  }

  async deadLetter({ params, tenant, bouncer, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const row = await findDeadLetter(Number(params.id), tenant.id)
    if (!row) return response.notFound({ message: 'Dead letter not found' })
    return { data: row }
  }

  async settings({ params, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    return { data: await workflowReliability(workflow.id) }
  }

  async saveSettings({ params, request, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const input = await request.validateUsing(reliabilitySettingsValidator)
    if (input.errorWorkflowId) {
      await findForTenantOrFail(Workflow, tenant.id, input.errorWorkflowId)
    }
    // The queue's pause flag is set by queue management, not by this form: keep it as stored.
    const stored = await db.from('workflows').where('id', workflow.id).select('reliability').first()
    const executionsPaused = Boolean(stored?.reliability?.executionsPaused)
    await saveWorkflowReliability(tenant.id, workflow.id, { ...input, executionsPaused })
    return { data: await workflowReliability(workflow.id) }
  }

  async analytics({ request, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const filters = await analyticsValidator.validate(request.qs())
    return {
      data: await failureAnalytics(tenant.id, filters.days ?? 30, filters.workflowId),
    }
  }

  async quotas({ tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const refusals = await db
      .from('workflow_quota_refusals')
      .where('tenant_id', tenant.id)
      .where('created_at', '>=', new Date(Date.now() - 30 * 86_400_000))
      .count('* as n')
      .first()
    return {
      data: {
        limits: (await tenantLimits(tenant.id)) ?? {
          executionsPerDay: null,
          executionsPerMonth: null,
        },
        usage: await quotaUsage(tenant.id),
        refusedLast30Days: Number(refusals?.n ?? 0),
      },
    }
  }

  /** Quotas are a workspace setting: admins and owners only. */
  async saveQuotas({ request, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'admin')
    const input = await request.validateUsing(quotasValidator)
    await saveTenantLimits(tenant.id, input)
    return this.quotas({ tenant, bouncer } as HttpContext)
  }

  async queue({ request, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const workflowId = Number(request.input('workflowId')) || undefined
    return { data: await stateCounts({ tenantId: tenant.id, workflowId }) }
  }

  /** Bulk queue actions. One workflow: builder; the whole workspace: admin. */
  async queueAction({ request, tenant, bouncer, response }: HttpContext) {
    const input = await request.validateUsing(queueActionValidator)
    await bouncer.authorize(atLeast, input.workflowId ? 'builder' : 'admin')
    if (input.workflowId) await findForTenantOrFail(Workflow, tenant.id, input.workflowId)
    const scope = { tenantId: tenant.id, workflowId: input.workflowId }
    if (input.action === 'pause' || input.action === 'resume') {
      if (!input.workflowId) {
        return response.unprocessableEntity({
          message: 'Pause and resume apply to one workflow',
          errors: [{ field: 'workflowId', message: 'Choose a workflow', rule: 'required' }],
        })
      }
      return {
        data: await setExecutionsPaused(tenant.id, input.workflowId, input.action === 'pause'),
      }
    }
    if (input.action === 'cancel_queued') return { data: await cancelQueued(scope) }
    if (input.action === 'drain') return { data: await drain(scope) }
    return { data: await retryFailed({ ...scope, category: input.category }) }
  }
}
