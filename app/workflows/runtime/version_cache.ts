/**
 * Published versions are immutable, so a worker loads and compiles each one once. Bounded so a
 * long-running worker serving many tenants does not grow without limit.
 */
import db from '@adonisjs/lucid/services/db'
import type { WorkflowGraph } from '#workflows/engine/graph'
import { compileWorkflow, type CompiledWorkflow } from '#workflows/engine/interpreter'
import { nodeRegistry } from '#workflows/nodes/registry'

export interface LoadedVersion {
  id: number
  workflowId: number
  number: number
  graph: WorkflowGraph
  compiled: CompiledWorkflow
}

const MAX_ENTRIES = 2000
const cache = new Map<number, Promise<LoadedVersion>>()

async function load(versionId: number): Promise<LoadedVersion> {
  const row = await db
    .from('workflow_versions')
    .where('id', versionId)
    .select('id', 'workflow_id', 'number', 'graph')
    .first()
  if (!row) throw new Error(`Workflow version ${versionId} does not exist`)
  const graph = row.graph as WorkflowGraph
  return {
    id: Number(row.id),
    workflowId: Number(row.workflow_id),
    number: row.number,
    graph,
    compiled: compileWorkflow(graph, nodeRegistry.publicMap()),
  }
}

export function loadVersion(versionId: number): Promise<LoadedVersion> {
  let entry = cache.get(versionId)
  if (!entry) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!)
    entry = load(versionId)
    entry.catch(() => cache.delete(versionId))
    cache.set(versionId, entry)
  }
  return entry
}

export function clearVersionCache() {
  cache.clear()
}
