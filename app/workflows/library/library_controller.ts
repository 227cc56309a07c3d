import type { HttpContext } from '@adonisjs/core/http'
import type { JSONDataTypes } from '@adonisjs/core/types/transformers'
import { atLeast } from '#core/abilities'
import { roleAtLeast, type Role } from '#core/roles'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Workflow from '#workflows/models/workflow'
import { nodeRegistry } from '#workflows/nodes/registry'
import { answerWorkflowErrors, WorkflowError } from '#workflows/services/workflow_error'
import {
  componentJson,
  componentOf,
  listLibrary,
  listOwnCallables,
  markComponent,
  unmarkComponent,
} from '#workflows/library/components'
import { revokeShare, shareComponent, sharesOf } from '#workflows/library/sharing'
import { readableDefinition } from '#workflows/library/definition'
import { componentValidator, shareValidator } from '#workflows/library/validators'

/**
 * Workflow library and sharing (issue 8). Reads: viewer; marking a workflow as a component:
 * builder; sharing it with other tenants and revoking: admin.
 */
export default class LibraryController {
  /** GET /api/v1/workflow-library — own components and those shared with this tenant. */
  async index({ tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    return { data: await listLibrary(tenant.id) }
  }

  /** GET /api/v1/workflow-library/callables — what a Sub-Workflow node can call. */
  async callables({ tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const [components, workflows] = await Promise.all([
      listLibrary(tenant.id),
      listOwnCallables(tenant.id),
    ])
    return { data: { components, workflows } }
  }

  /** GET /api/v1/workflow-library/:workflowId — read-only definition (own or shared). */
  async definition({ params, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    return { data: await readableDefinition(tenant.id, Number(params.workflowId)) }
  }

  /** GET /workflows/library/:workflowId — the read-only view of a shared component. */
  async page({ params, tenant, bouncer, inertia, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const definition = await readableDefinition(tenant.id, Number(params.workflowId))
    // The tenant's own workflow opens in the builder.
    if (!definition.owner) return response.redirect(`/workflows/${definition.workflowId}`)
    return inertia.render('workflows/library/show', {
      component: definition as unknown as JSONDataTypes,
      nodeTypes: nodeRegistry.publicList() as unknown as JSONDataTypes[],
    })
  }

  /** GET /api/v1/workflows/:id/component — library status and shares of one own workflow. */
  async show({ params, tenant, bouncer, membership }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const component = await componentOf(workflow)
    return {
      data: {
        component: component ? componentJson(component) : null,
        shares: component ? await sharesOf(component) : [],
        canMark: roleAtLeast(membership.role as Role, 'builder'),
        canShare: roleAtLeast(membership.role as Role, 'admin'),
      },
    }
  }

  /** PUT /api/v1/workflows/:id/component — mark as a component (or edit its palette entry). */
  async mark({ params, request, tenant, bouncer, auth }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const input = await componentValidator.validate(request.all())
    const component = await markComponent(workflow, auth.user!.id, input)
    return { data: componentJson(component) }
  }

  /** DELETE /api/v1/workflows/:id/component — remove from the library (no live shares). */
  async unmark({ params, tenant, bouncer, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    return answerWorkflowErrors(response, async () => {
      await unmarkComponent(workflow)
      return response.noContent()
    })
  }

  /** POST /api/v1/workflows/:id/component/shares — share with a tenant named by slug or name. */
  async share({ params, request, tenant, bouncer, auth, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'admin')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const { tenant: grantee } = await shareValidator.validate(request.all())
    return answerWorkflowErrors(response, async () => {
      const component = await componentOf(workflow)
      if (!component) {
        throw new WorkflowError('Mark the workflow as a library component before sharing it', [], {
          status: 409,
          code: 'E_NOT_A_COMPONENT',
        })
      }
      const { created } = await shareComponent(component, grantee, auth.user!.id)
      const shares = await sharesOf(component)
      return response.status(created ? 201 : 200).send({ data: shares })
    })
  }

  /** DELETE /api/v1/workflows/:id/component/shares/:shareId — revoke (new calls refused). */
  async revoke({ params, tenant, bouncer, auth, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'admin')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const component = await componentOf(workflow)
    const share = component
      ? await revokeShare(component, Number(params.shareId), auth.user!.id)
      : null
    if (!component || !share) return response.notFound({ errors: [{ message: 'Share not found' }] })
    return { data: await sharesOf(component) }
  }
}
