import type { HttpContext } from '@adonisjs/core/http'
import { atLeast } from '#core/abilities'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Workflow from '#workflows/models/workflow'
import { versionJson } from '#workflows/controllers/serialize'
import { diffQueryValidator } from '#workflows/versions/validators'
import {
  diffVersions,
  listVersions,
  rollbackToVersion,
  type VersionEntry,
} from '#workflows/versions/version_history'
import { nodeMetaFor } from '#workflows/versions/node_meta'

/** Default comparison: the previous version against the newest (or the only one with itself). */
function defaultPair(versions: VersionEntry[], from?: number, to?: number) {
  const newest = versions[0]?.number
  if (newest === undefined) return null
  const toNumber = to ?? newest
  const fromNumber = from ?? Math.max(1, toNumber - 1)
  return { from: fromNumber, to: toNumber }
}

/** Version history, diff and rollback: JSON API and the history page. */
export default class VersionsController {
  /** GET /workflows/:id/versions — the history page (with a diff of ?from=&to=). */
  async page({ inertia, params, request, tenant, bouncer, membership }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const query = await diffQueryValidator.validate(request.qs())
    const versions = await listVersions(workflow)
    const pair = defaultPair(versions, query.from, query.to)
    const compared = pair ? await diffVersions(workflow, pair.from, pair.to) : null
    return inertia.render('workflows/versions/index', {
      workflow: { id: workflow.id, name: workflow.name, status: workflow.status },
      versions,
      comparison: compared ? { ...compared, meta: nodeMetaFor(compared.canvas) } : null,
      canRollback: ['owner', 'admin', 'builder'].includes(membership.role),
    })
  }

  /** GET /api/v1/workflows/:id/history — versions with author names and execution counts. */
  async index({ params, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    return { data: await listVersions(workflow) }
  }

  /** GET /api/v1/workflows/:id/diff?from=&to= */
  async diff({ params, request, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const query = await diffQueryValidator.validate(request.qs())
    const pair = defaultPair(await listVersions(workflow), query.from, query.to)
    if (!pair) return { data: null }
    const compared = await diffVersions(workflow, pair.from, pair.to)
    return { data: { ...compared, meta: nodeMetaFor(compared.canvas) } }
  }

  /** POST /api/v1/workflows/:id/versions/:number/rollback */
  async rollback({ params, tenant, bouncer, auth, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'builder')
    const workflow = await findForTenantOrFail(Workflow, tenant.id, params.id)
    const number = Number(params.number)
    const version = await rollbackToVersion(workflow, number, auth.user!.id)
    return response.created({ data: versionJson(version) })
  }
}
