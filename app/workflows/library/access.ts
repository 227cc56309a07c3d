/**
 * Who may call (or read) which workflow. A workflow is callable by a tenant when it is
 *  - its own, or
 *  - a library component its owner shares with that tenant (live share), or
 *  - (at run time, for a call made from inside a shared component) a workflow of the
 *    component's owner: the owner composed its component from its own workflows, and the
 *    caller cannot edit the component to point it elsewhere.
 * Anything else is answered as "does not exist", whether or not it does: a tenant never learns
 * about another tenant's workflows. A share that was revoked says so (the grantee knew it).
 */
import db from '@adonisjs/lucid/services/db'

export interface CallableWorkflow {
  workflowId: number
  tenantId: number
  name: string
  status: string
  activeVersionId: number | null
  /** How the caller reaches it. */
  via: 'own' | 'owner' | 'share'
}

export type CalleeLookup =
  | { ok: true; callee: CallableWorkflow }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'revoked'; name: string }

export interface CalleeQuery {
  /** The tenant whose execution (or draft) makes the call. */
  tenantId: number
  workflowId: number
  /** The owner tenant written on the node by the builder for a shared component, if any. */
  ownerTenantId?: number | null
  /** Tenant owning the calling workflow's definition (differs inside a shared component). */
  definitionTenantId?: number
}

/** Live and revoked shares of `workflowId` with `granteeTenantId`. */
async function shareState(workflowId: number, granteeTenantId: number) {
  const rows = await db
    .from('workflow_shares as s')
    .join('workflow_components as c', 'c.id', 's.component_id')
    .where('c.workflow_id', workflowId)
    .whereRaw('s.owner_tenant_id = c.tenant_id')
    .where('s.grantee_tenant_id', granteeTenantId)
    .select('s.revoked_at')
  return {
    live: rows.some((row) => row.revoked_at === null),
    revoked: rows.some((row) => row.revoked_at !== null),
  }
}

export async function findCallee(query: CalleeQuery): Promise<CalleeLookup> {
  if (!Number.isSafeInteger(query.workflowId) || query.workflowId < 1) {
    return { ok: false, reason: 'not_found' }
  }
  const row = await db
    .from('workflows')
    .where('id', query.workflowId)
    .select('id', 'tenant_id', 'name', 'status', 'active_version_id')
    .first()
  if (!row) return { ok: false, reason: 'not_found' }
  const ownerId = Number(row.tenant_id)
  if (query.ownerTenantId && Number(query.ownerTenantId) !== ownerId) {
    return { ok: false, reason: 'not_found' }
  }
  const callee = (via: CallableWorkflow['via']): CalleeLookup => ({
    ok: true,
    callee: {
      workflowId: Number(row.id),
      tenantId: ownerId,
      name: row.name,
      status: row.status,
      activeVersionId: row.active_version_id ? Number(row.active_version_id) : null,
      via,
    },
  })
  if (ownerId === query.tenantId) return callee('own')
  if (query.definitionTenantId && ownerId === query.definitionTenantId) return callee('owner')
  const share = await shareState(Number(row.id), query.tenantId)
  if (share.live) return callee('share')
  if (share.revoked) return { ok: false, reason: 'revoked', name: row.name }
  return { ok: false, reason: 'not_found' }
}

/** True when `tenantId` may read the workflow's definition (its own, or shared with it). */
export async function canReadWorkflow(tenantId: number, workflowId: number) {
  const found = await findCallee({ tenantId, workflowId })
  return found.ok
}

/** Message for a refused lookup, the same at publish time and at run time. */
export function refusalMessage(workflowId: number, lookup: Exclude<CalleeLookup, { ok: true }>) {
  return lookup.reason === 'revoked'
    ? `"${lookup.name}" is no longer shared with this workspace (its owner revoked the share)`
    : `Workflow #${workflowId} does not exist or is not shared with this workspace`
}
