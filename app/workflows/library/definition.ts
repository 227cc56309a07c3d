/**
 * The read-only definition of a library component for a tenant it is shared with (or its own
 * tenant): the active version's graph plus what it declares to callers. Anything the tenant may
 * not read is a 404.
 */
import db from '@adonisjs/lucid/services/db'
import { errors as lucidErrors } from '@adonisjs/lucid'
import type { WorkflowGraph } from '#workflows/engine/graph'
import { findCallee } from '#workflows/library/access'
import { signatureOf } from '#workflows/library/signature'
import type { ComponentDefinition } from '#workflows/library/types'

export async function readableDefinition(
  tenantId: number,
  workflowId: number
): Promise<ComponentDefinition> {
  const lookup = await findCallee({ tenantId, workflowId })
  if (!lookup.ok) throw new lucidErrors.E_ROW_NOT_FOUND()
  const row = await db
    .from('workflows as w')
    .join('tenants as t', 't.id', 'w.tenant_id')
    .leftJoin('workflow_versions as v', 'v.id', 'w.active_version_id')
    .leftJoin('workflow_components as c', 'c.workflow_id', 'w.id')
    .where('w.id', workflowId)
    .select('w.id', 'w.name', 'w.description', 'w.status', 'w.draft_graph', 't.name as owner_name')
    .select(
      'v.number as version_number',
      'v.graph as version_graph',
      'v.created_at as published_at'
    )
    .select('c.name as component_name', 'c.description as component_description')
    .first()
  if (!row) throw new lucidErrors.E_ROW_NOT_FOUND()
  const own = lookup.callee.via === 'own'
  // Grantees see what they call (the published version); the owner sees its draft when unpublished.
  const graph = (row.version_graph ?? (own ? row.draft_graph : null)) as WorkflowGraph | null
  if (!graph) throw new lucidErrors.E_ROW_NOT_FOUND()
  return {
    workflowId: Number(row.id),
    name: (row.component_name as string | null) || (row.name as string),
    workflowName: row.name as string,
    description: (row.component_description ?? row.description ?? null) as string | null,
    owner: own ? null : { tenantId: lookup.callee.tenantId, name: row.owner_name as string },
    version: row.version_number === null ? null : Number(row.version_number),
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    graph,
    ...signatureOf(graph),
  }
}
