/**
 * Which workflows call which (Sub-Workflow nodes), and the publish-time refusal of call cycles
 * (A → B → A). A workflow's calls are read from its active version (what runs); for the one being
 * published, from the graph about to become active.
 */
import db from '@adonisjs/lucid/services/db'
import type { WorkflowGraph } from '#workflows/engine/graph'
import { WorkflowError } from '#workflows/services/workflow_error'

export const SUB_WORKFLOW_TYPE = 'sub_workflow'

/** Ids of the workflows a graph's Sub-Workflow nodes call, with the calling node ids. */
export function calledWorkflows(graph: WorkflowGraph): Map<number, string[]> {
  const calls = new Map<number, string[]>()
  for (const node of graph.nodes ?? []) {
    if (node.type !== SUB_WORKFLOW_TYPE) continue
    const id = Number((node.config ?? {}).workflowId)
    if (!Number.isInteger(id) || id <= 0) continue
    calls.set(id, [...(calls.get(id) ?? []), node.id])
  }
  return calls
}

/** The tenant's call graph from active versions: workflow id → called workflow ids. */
async function activeCallGraph(tenantId: number) {
  const rows = await db
    .from('workflows as w')
    .join('workflow_versions as v', 'v.id', 'w.active_version_id')
    .where('w.tenant_id', tenantId)
    .whereRaw(`v.graph::text LIKE ?`, [`%"${SUB_WORKFLOW_TYPE}"%`])
    .select('w.id', 'w.name', 'v.graph')
  const edges = new Map<number, number[]>()
  const names = new Map<number, string>()
  for (const row of rows) {
    edges.set(Number(row.id), [...calledWorkflows(row.graph).keys()])
    names.set(Number(row.id), row.name)
  }
  return { edges, names }
}

/** Throws a 422 naming the cycle when publishing `graph` for `workflowId` would close one. */
export async function assertNoCallCycle(
  tenantId: number,
  workflowId: number,
  graph: WorkflowGraph
) {
  const calls = calledWorkflows(graph)
  if (calls.size === 0) return
  const { edges } = await activeCallGraph(tenantId)
  edges.set(workflowId, [...calls.keys()])
  // DFS from each callee looking for a path back to workflowId.
  const path = findPath(edges, workflowId)
  if (!path) return
  const ids = [workflowId, ...path]
  const rows = await db.from('workflows').whereIn('id', ids).select('id', 'name')
  const name = new Map(rows.map((row) => [Number(row.id), row.name as string]))
  const label = ids.map((id) => `${name.get(id) ?? `#${id}`}`).join(' → ')
  const nodeIds = calls.get(path[0]) ?? []
  throw new WorkflowError(
    `Publishing would create a sub-workflow call cycle: ${label}`,
    nodeIds.map((nodeId) => ({
      code: 'E_CALL_CYCLE',
      nodeId,
      path: 'config.workflowId',
      field: 'config.workflowId',
      message: `This call closes the cycle ${label}`,
    })),
    { code: 'E_CALL_CYCLE' }
  )
}

/** Shortest call path from `start`'s callees back to `start` (the callee first), or null. */
function findPath(edges: Map<number, number[]>, start: number): number[] | null {
  const queue: number[][] = (edges.get(start) ?? []).map((id) => [id])
  const seen = new Set<number>()
  while (queue.length > 0) {
    const path = queue.shift()!
    const last = path[path.length - 1]
    if (last === start) return path
    if (seen.has(last)) continue
    seen.add(last)
    for (const next of edges.get(last) ?? []) queue.push([...path, next])
  }
  return null
}
