/**
 * Sharing a library component with other tenants (admins of the owner tenant). A grantee can
 * read the component's definition and call it; the call runs under the grantee's own data and
 * quotas. Revoking stops new calls at once; executions already running are never touched.
 */
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type WorkflowComponent from '#workflows/library/models/workflow_component'
import WorkflowShare from '#workflows/library/models/workflow_share'
import type { ShareEntry } from '#workflows/library/types'
import { WorkflowError } from '#workflows/services/workflow_error'

const UNIQUE_VIOLATION = '23505'

/** The tenant named by `query`: its slug, or its name (case-insensitive). */
async function findTenant(query: string) {
  const text = query.trim()
  return db
    .from('tenants')
    .where((scope) =>
      scope.whereRaw('lower(slug) = lower(?)', [text]).orWhereRaw('lower(name) = lower(?)', [text])
    )
    .select('id', 'name', 'slug')
    .orderBy('id', 'asc')
    .first()
}

/** Shares (live first, then revoked, newest first) of a component, for the dialog. */
export async function sharesOf(component: WorkflowComponent): Promise<ShareEntry[]> {
  const rows = await db
    .from('workflow_shares as s')
    .join('tenants as t', 't.id', 's.grantee_tenant_id')
    .leftJoin('users as u', 'u.id', 's.created_by')
    .where('s.component_id', component.id)
    .where('s.owner_tenant_id', component.tenantId)
    .select('s.id', 's.created_at', 's.revoked_at', 't.id as tenant_id', 't.name', 't.slug')
    .select('u.full_name as created_by_name')
    .orderByRaw('s.revoked_at is not null, s.created_at desc, s.id desc')
  return rows.map((row) => ({
    id: Number(row.id),
    tenant: { id: Number(row.tenant_id), name: row.name, slug: row.slug },
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by_name ?? null,
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
  }))
}

/** Shares the component with the tenant named `tenantQuery` (idempotent for a live share). */
export async function shareComponent(
  component: WorkflowComponent,
  tenantQuery: string,
  userId: number
) {
  const grantee = await findTenant(tenantQuery)
  if (!grantee) {
    throw new WorkflowError(
      `No workspace is called "${tenantQuery.trim()}"`,
      [
        {
          code: 'E_TENANT_NOT_FOUND',
          field: 'tenant',
          message: 'No workspace has this name or slug',
        },
      ],
      { code: 'E_TENANT_NOT_FOUND' }
    )
  }
  if (Number(grantee.id) === component.tenantId) {
    throw new WorkflowError(
      'A component is always available in its own workspace',
      [{ code: 'E_SHARE_SELF', field: 'tenant', message: 'This is your own workspace' }],
      { code: 'E_SHARE_SELF' }
    )
  }
  const live = () =>
    WorkflowShare.query()
      .where('component_id', component.id)
      .where('grantee_tenant_id', grantee.id)
      .whereNull('revoked_at')
      .first()
  const existing = await live()
  if (existing) return { share: existing, created: false }
  try {
    const share = await WorkflowShare.create({
      componentId: component.id,
      ownerTenantId: component.tenantId,
      granteeTenantId: Number(grantee.id),
      createdBy: userId,
      revokedAt: null,
      revokedBy: null,
    })
    return { share, created: true }
  } catch (error) {
    // Two admins shared at once: the partial unique index kept one live share.
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error
    return { share: (await live())!, created: false }
  }
}

/** Revokes one share of the component; returns null when it is not one of its shares. */
export async function revokeShare(component: WorkflowComponent, shareId: number, userId: number) {
  const share = await WorkflowShare.query()
    .where('id', shareId)
    .where('component_id', component.id)
    .where('owner_tenant_id', component.tenantId)
    .first()
  if (!share) return null
  if (share.revokedAt === null) {
    share.revokedAt = DateTime.now()
    share.revokedBy = userId
    await share.save()
  }
  return share
}
