/**
 * The workflow library: workflows marked as reusable components (own ones, and other tenants'
 * shared with this one), with what each declares to its callers (parameters, return values),
 * for the builder's "Sub-Flows" palette section and the Sub-Workflow node's workflow picker.
 */
import db from '@adonisjs/lucid/services/db'
import type { WorkflowGraph } from '#workflows/engine/graph'
import type Workflow from '#workflows/models/workflow'
import WorkflowComponent from '#workflows/library/models/workflow_component'
import { signatureOf } from '#workflows/library/signature'
import type { CallableWorkflowEntry, ComponentRecord, LibraryEntry } from '#workflows/library/types'
import { WorkflowError } from '#workflows/services/workflow_error'

export interface ComponentInput {
  name?: string | null
  description?: string | null
  category?: string | null
  icon?: string | null
}

/** Own components and components shared with `tenantId` (live shares), callable ones only. */
export async function listLibrary(tenantId: number): Promise<LibraryEntry[]> {
  const rows = await db
    .from('workflow_components as c')
    .join('workflows as w', 'w.id', 'c.workflow_id')
    .join('tenants as t', 't.id', 'c.tenant_id')
    .leftJoin('workflow_versions as v', 'v.id', 'w.active_version_id')
    .whereNot('w.status', 'archived')
    .where((scope) => {
      scope.where('c.tenant_id', tenantId).orWhere((shared) => {
        shared.whereNotNull('w.active_version_id').whereExists((share) => {
          share
            .from('workflow_shares as s')
            .whereColumn('s.component_id', 'c.id')
            .whereColumn('s.owner_tenant_id', 'c.tenant_id')
            .where('s.grantee_tenant_id', tenantId)
            .whereNull('s.revoked_at')
        })
      })
    })
    .select(
      'c.id',
      'c.tenant_id',
      'c.workflow_id',
      'c.name',
      'c.description',
      'c.category',
      'c.icon',
      'w.name as workflow_name',
      'w.description as workflow_description',
      'w.active_version_id',
      'w.latest_version_number',
      't.name as tenant_name'
    )
    .select(
      db.raw('coalesce(v.graph, case when c.tenant_id = ? then w.draft_graph end) as graph', [
        tenantId,
      ])
    )
    .orderByRaw('coalesce(c.name, w.name) asc')
    .orderBy('c.id', 'asc')
  return rows.map((row) => {
    const own = Number(row.tenant_id) === tenantId
    return {
      componentId: Number(row.id),
      workflowId: Number(row.workflow_id),
      name: (row.name as string | null) || (row.workflow_name as string),
      workflowName: row.workflow_name,
      description: row.description ?? row.workflow_description ?? null,
      category: row.category ?? null,
      icon: row.icon ?? null,
      owner: own ? null : { tenantId: Number(row.tenant_id), name: row.tenant_name },
      published: row.active_version_id !== null,
      latestVersion: Number(row.latest_version_number) || null,
      ...signatureOf(row.graph as WorkflowGraph | null),
    }
  })
}

/** The tenant's own workflows (not archived) a Sub-Workflow node can call, with signatures. */
export async function listOwnCallables(tenantId: number): Promise<CallableWorkflowEntry[]> {
  const rows = await db
    .from('workflows as w')
    .leftJoin('workflow_versions as v', 'v.id', 'w.active_version_id')
    .where('w.tenant_id', tenantId)
    .whereNot('w.status', 'archived')
    .select('w.id', 'w.name', 'w.status', 'w.active_version_id', 'w.latest_version_number')
    .select(db.raw('coalesce(v.graph, w.draft_graph) as graph'))
    .orderBy('w.name', 'asc')
    .limit(500)
  return rows.map((row) => ({
    workflowId: Number(row.id),
    name: row.name,
    status: row.status,
    published: row.active_version_id !== null,
    latestVersion: Number(row.latest_version_number) || null,
    ...signatureOf(row.graph as WorkflowGraph | null),
  }))
}

export async function componentOf(workflow: Workflow) {
  return WorkflowComponent.query()
    .where('tenant_id', workflow.tenantId)
    .where('workflow_id', workflow.id)
    .first()
}

/** Marks the workflow as a component, or updates its palette name / description / icon. */
export async function markComponent(workflow: Workflow, userId: number, input: ComponentInput) {
  const component = (await componentOf(workflow)) ?? new WorkflowComponent()
  if (!component.$isPersisted) {
    component.tenantId = workflow.tenantId
    component.workflowId = workflow.id
    component.createdBy = userId
  }
  component.name = input.name?.trim() || null
  component.description = input.description?.trim() || null
  component.category = input.category?.trim() || null
  component.icon = input.icon?.trim() || null
  await component.save()
  return component
}

/**
 * Removes the workflow from the library. Refused while other tenants can still call it: the
 * shares must be revoked first (an admin decision, see sharing.ts).
 */
export async function unmarkComponent(workflow: Workflow) {
  const component = await componentOf(workflow)
  if (!component) return false
  const live = await db
    .from('workflow_shares')
    .where('component_id', component.id)
    .whereNull('revoked_at')
    .count('* as total')
    .first()
  if (Number(live?.total ?? 0) > 0) {
    throw new WorkflowError(
      'This component is shared with other workspaces: revoke its shares before removing it from the library',
      [],
      { status: 409, code: 'E_COMPONENT_SHARED' }
    )
  }
  await component.delete()
  return true
}

export function componentJson(component: WorkflowComponent): ComponentRecord {
  return {
    id: component.id,
    workflowId: component.workflowId,
    name: component.name,
    description: component.description,
    category: component.category,
    icon: component.icon,
    createdBy: component.createdBy,
    createdAt: component.createdAt.toISO(),
    updatedAt: component.updatedAt.toISO(),
  }
}
