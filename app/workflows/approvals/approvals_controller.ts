import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { errors as lucidErrors } from '@adonisjs/lucid'
import { atLeast } from '#core/abilities'
import ApprovalRequest from '#workflows/approvals/models/approval_request'
import { decide } from '#workflows/approvals/decisions'
import { historyFor, pendingFor, requestFor } from '#workflows/approvals/inbox'
import type { InboxMember } from '#workflows/approvals/types'
import {
  bulkDecisionValidator,
  decisionValidator,
  historyValidator,
} from '#workflows/approvals/validators'
import { answerWorkflowErrors, WorkflowError } from '#workflows/services/workflow_error'

/**
 * Approval inbox API (/api/v1/approvals…) and page (/approvals). Reading needs a membership
 * (viewer); deciding is authorized per request: only an eligible approver, once
 * (approvals/decisions.ts). Another tenant's request is a 404.
 */
export default class ApprovalsController {
  async page({ inertia, bouncer, tenant, auth, request }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const userId = auth.getUserOrFail().id
    const members = await db
      .from('memberships as m')
      .join('users as u', 'u.id', 'm.user_id')
      .where('m.tenant_id', tenant.id)
      .whereNot('m.user_id', userId)
      .orderBy('u.full_name')
      .select('u.id', 'u.full_name', 'u.email')
    return inertia.render('approvals/index', {
      pending: await pendingFor(tenant.id, userId),
      history: await historyFor(tenant.id, userId),
      members: members.map((m: any): InboxMember => ({
        id: Number(m.id),
        name: m.full_name ?? m.email,
      })),
      focus: Number(request.input('request')) || null,
    })
  }

  async index({ bouncer, tenant, auth }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    return { data: await pendingFor(tenant.id, auth.getUserOrFail().id) }
  }

  async history({ bouncer, tenant, auth, request }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const { beforeId } = await request.validateUsing(historyValidator)
    return { data: await historyFor(tenant.id, auth.getUserOrFail().id, beforeId) }
  }

  async show({ bouncer, tenant, auth, params }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const found = await requestFor(tenant.id, auth.getUserOrFail().id, Number(params.id))
    if (!found) throw new lucidErrors.E_ROW_NOT_FOUND(ApprovalRequest)
    return { data: found }
  }

  async decide({ bouncer, tenant, auth, params, request, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const input = await request.validateUsing(decisionValidator)
    return answerWorkflowErrors(response, async () => ({
      data: await decide({
        tenantId: tenant.id,
        requestId: Number(params.id),
        userId: auth.getUserOrFail().id,
        decision: input.decision,
        comment: input.comment,
        formData: input.formData,
        delegateUserId: input.delegateUserId,
        via: request.header('x-inertia') ? 'inbox' : 'api',
      }),
    }))
  }

  /** Decides several requests; each succeeds or fails on its own (results in input order). */
  async bulk({ bouncer, tenant, auth, request }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const input = await request.validateUsing(bulkDecisionValidator)
    const userId = auth.getUserOrFail().id
    const results = []
    for (const id of [...new Set(input.ids)]) {
      try {
        const result = await decide({
          tenantId: tenant.id,
          requestId: id,
          userId,
          decision: input.decision,
          comment: input.comment,
          via: 'inbox',
        })
        results.push({ id, ok: true, ...result })
      } catch (error) {
        const message =
          error instanceof lucidErrors.E_ROW_NOT_FOUND
            ? 'Not found'
            : error instanceof WorkflowError
              ? error.message
              : 'Could not decide'
        if (!(error instanceof lucidErrors.E_ROW_NOT_FOUND || error instanceof WorkflowError))
          throw error
        results.push({ id, ok: false, error: message })
      }
    }
    return { data: results }
  }
}
