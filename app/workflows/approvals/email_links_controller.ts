import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { errors as lucidErrors } from '@adonisjs/lucid'
import ApprovalRequest from '#workflows/approvals/models/approval_request'
import { decide } from '#workflows/approvals/decisions'
import { verifyDecisionLink } from '#workflows/approvals/signed_links'
import { linkDecisionValidator } from '#workflows/approvals/validators'
import { WorkflowError } from '#workflows/services/workflow_error'

/**
 * Signed one-time links from approval e-mails. GET shows what is being decided and a confirm
 * button (mail scanners prefetch links, so a GET never decides); POST records the decision as
 * the link's user. Tampered or expired links are refused; a used link answers "already decided".
 */
export default class EmailLinksController {
  async show({ inertia, params }: HttpContext) {
    const check = verifyDecisionLink(params.token)
    if (!check.ok)
      return inertia.render('approvals/decide', {
        error: linkError(check.reason),
        request: null,
        decision: null,
        done: null,
      })
    const request = await db
      .from('approval_requests as r')
      .join('workflows as w', 'w.id', 'r.workflow_id')
      .where('r.id', check.link.requestId)
      .select('r.id', 'r.title', 'r.description', 'r.status', 'r.due_at', 'w.name as workflow_name')
      .first()
    return inertia.render('approvals/decide', {
      error: request ? null : 'This request no longer exists.',
      request: request
        ? {
            id: Number(request.id),
            title: request.title,
            description: request.description,
            status: request.status,
            workflow: request.workflow_name,
          }
        : null,
      decision: check.link.decision,
      done: null,
    })
  }

  async store({ inertia, params, request, response }: HttpContext) {
    const check = verifyDecisionLink(params.token)
    if (!check.ok) {
      response.status(check.reason === 'expired' ? 410 : 403)
      return inertia.render('approvals/decide', {
        error: linkError(check.reason),
        request: null,
        decision: null,
        done: null,
      })
    }
    const { comment } = await request.validateUsing(linkDecisionValidator)
    const owner = await db.from('approval_requests').where('id', check.link.requestId).first()
    try {
      if (!owner) throw new lucidErrors.E_ROW_NOT_FOUND(ApprovalRequest)
      const result = await decide({
        tenantId: Number(owner.tenant_id),
        requestId: check.link.requestId,
        userId: check.link.userId,
        decision: check.link.decision,
        comment,
        via: 'email',
      })
      return inertia.render('approvals/decide', {
        error: null,
        request: {
          id: Number(owner.id),
          title: owner.title,
          description: owner.description,
          status: result.status,
          workflow: '',
        },
        decision: check.link.decision,
        done: result.duplicate ? 'already' : 'recorded',
      })
    } catch (error) {
      if (error instanceof WorkflowError) {
        response.status(error.status)
        return inertia.render('approvals/decide', {
          error: error.message,
          request: null,
          decision: null,
          done: null,
        })
      }
      if (error instanceof lucidErrors.E_ROW_NOT_FOUND) {
        response.status(404)
        return inertia.render('approvals/decide', {
          error: 'This request no longer exists.',
          request: null,
          decision: null,
          done: null,
        })
      }
      throw error
    }
  }
}

function linkError(reason: 'invalid' | 'expired') {
  return reason === 'expired'
    ? 'This link has expired. Open the approval inbox to decide.'
    : 'This link is not valid.'
}
