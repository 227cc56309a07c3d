/**
 * Every workflow of a tenant with the dependencies of its active version and of its draft: the
 * one read the dependencies page, the tenant graph and the impact analysis share. Callers can only
 * be found by looking at everyone's graphs, so this reads them all (one query, tenant-scoped).
 */
import db from '@adonisjs/lucid/services/db'
import { errors as lucidErrors } from '@adonisjs/lucid'
import Workflow from '#workflows/models/workflow'
import type { WorkflowGraph } from '#workflows/engine/graph'
import { nodeRegistry } from '#workflows/nodes/registry'
import {
  graphDependencies,
  type GraphDependencies,
} from '#workflows/dependencies/graph_dependencies'
import type { GraphSource, WorkflowRef } from '#workflows/dependencies/types'

export interface ScannedWorkflow {
  ref: WorkflowRef
  activeGraph: WorkflowGraph | null
  draftGraph: WorkflowGraph
  graphs: Array<{ source: GraphSource; graph: WorkflowGraph; deps: GraphDependencies }>
}

const lookup = (type: string) => nodeRegistry.get(type)

export function scanGraphs(activeGraph: WorkflowGraph | null, draftGraph: WorkflowGraph) {
  const graphs: ScannedWorkflow['graphs'] = []
  if (activeGraph) {
    graphs.push({
      source: 'active',
      graph: activeGraph,
      deps: graphDependencies(activeGraph, lookup),
    })
  }
  graphs.push({ source: 'draft', graph: draftGraph, deps: graphDependencies(draftGraph, lookup) })
  return graphs
}

export async function scanTenantWorkflows(tenantId: number): Promise<ScannedWorkflow[]> {
  const rows = await db
    .from('workflows as w')
    .leftJoin('workflow_versions as v', 'v.id', 'w.active_version_id')
    .where('w.tenant_id', tenantId)
    .select('w.id', 'w.name', 'w.status', 'w.draft_graph', 'v.graph', 'v.number')
    .orderBy('w.name')
    .orderBy('w.id')
  return rows.map((row) => {
    const activeGraph = (row.graph ?? null) as WorkflowGraph | null
    const draftGraph = (row.draft_graph ?? { nodes: [], edges: [] }) as WorkflowGraph
    return {
      ref: {
        id: Number(row.id),
        name: row.name as string,
        status: row.status as string,
        activeVersion: row.number === null || row.number === undefined ? null : Number(row.number),
      },
      activeGraph,
      draftGraph,
      graphs: scanGraphs(activeGraph, draftGraph),
    }
  })
}

/** The scanned workflow `id` (deleted since the caller loaded it: a 404 like any missing row). */
export function scannedOrFail(all: ScannedWorkflow[], id: number): ScannedWorkflow {
  const found = all.find((item) => item.ref.id === id)
  if (!found) throw new lucidErrors.E_ROW_NOT_FOUND(Workflow)
  return found
}

/**
 * A reference for a called id that is not one of the tenant's workflows: a component another
 * tenant shares (the call names its owner; its details stay with that tenant) or a missing one.
 */
export function foreignWorkflow(id: number, ownerTenantId: number | null): WorkflowRef {
  return ownerTenantId === null
    ? { id, name: `Workflow #${id}`, status: 'missing', activeVersion: null }
    : { id, name: `Shared workflow #${id}`, status: 'shared', activeVersion: null }
}
