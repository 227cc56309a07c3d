/**
 * Which workflows call which (Sub-Workflow nodes), and the publish-time checks of those calls:
 * - every called workflow must be callable by the publishing tenant (its own, or a library
 *   component shared with it; library/access.ts) — otherwise a 422 on the node, worded like
 *   "not found" so another tenant's workflows stay invisible;
 * - no call cycle (A → B → A), followed across tenants through shared components.
 * A workflow's calls are read from its active version (what runs); for the one being published,
 * from the graph about to become active.
 */
import db from '@adonisjs/lucid/services/db'
import type { WorkflowGraph } from '#workflows/engine/graph'
import { WorkflowError, type WorkflowIssue } from '#workflows/services/workflow_error'
import { findCallee, refusalMessage } from '#workflows/library/access'

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

/** Owner tenant the builder wrote on each calling node (shared components), by node id. */
function ownerTenantsOf(graph: WorkflowGraph) {
  const owners = new Map<string, number | null>()
  for (const node of graph.nodes ?? []) {
    if (node.type !== SUB_WORKFLOW_TYPE) continue
    const owner = Number((node.config ?? {}).ownerTenantId)
    owners.set(node.id, Number.isInteger(owner) && owner > 0 ? owner : null)
  }
  return owners
}

/** Throws a 422 naming the nodes whose callee the tenant may not call. */
async function assertCalleesCallable(tenantId: number, graph: WorkflowGraph) {
  const owners = ownerTenantsOf(graph)
  const issues: WorkflowIssue[] = []
  for (const [workflowId, nodeIds] of calledWorkflows(graph)) {
    for (const nodeId of nodeIds) {
      const lookup = await findCallee({
        tenantId,
        workflowId,
        ownerTenantId: owners.get(nodeId) ?? null,
      })
      if (lookup.ok) continue
      issues.push({
        code: lookup.reason === 'revoked' ? 'E_CALLEE_NOT_SHARED' : 'E_CALLEE_NOT_FOUND',
        nodeId,
        path: 'config.workflowId',
        field: 'config.workflowId',
        message: refusalMessage(workflowId, lookup),
      })
    }
  }
  if (issues.length === 0) return
  throw new WorkflowError(
    `The workflow calls ${issues.length === 1 ? 'a workflow' : 'workflows'} it cannot use: ${issues[0].message}`,
    issues,
    { code: issues[0].code }
  )
}

/**
 * Call edges reachable from `start`'s callees, read from active versions whatever tenant owns
 * them: a cycle through another tenant's shared component is as real as one inside the tenant.
 */
async function reachableCallGraph(start: number, callees: number[]) {
  const edges = new Map<number, number[]>()
  edges.set(start, callees)
  const owners = new Map<number, number>()
  let frontier = callees.filter((id) => id !== start)
  while (frontier.length > 0) {
    const rows = await db
      .from('workflows as w')
      .leftJoin('workflow_versions as v', 'v.id', 'w.active_version_id')
      .whereIn('w.id', frontier)
      .select('w.id', 'w.tenant_id', 'v.graph')
    const next: number[] = []
    for (const row of rows) {
      const id = Number(row.id)
      owners.set(id, Number(row.tenant_id))
      const called = row.graph ? [...calledWorkflows(row.graph).keys()] : []
      edges.set(id, called)
      for (const callee of called) if (!edges.has(callee)) next.push(callee)
    }
    for (const id of frontier) if (!edges.has(id)) edges.set(id, [])
    frontier = [...new Set(next)]
  }
  return { edges, owners }
}

/** Names of the workflows on a cycle, as the publishing tenant may see them. */
async function cycleLabel(tenantId: number, ids: number[]) {
  const rows = await db.from('workflows').whereIn('id', ids).select('id', 'name', 'tenant_id')
  const known = new Map(rows.map((row) => [Number(row.id), row]))
  const names = new Map<number, string>()
  for (const id of new Set(ids)) {
    const row = known.get(id)
    const lookup = row ? await findCallee({ tenantId, workflowId: id }) : null
    names.set(id, row && lookup?.ok ? (row.name as string) : 'a workflow of another workspace')
  }
  return ids.map((id) => names.get(id) ?? `#${id}`).join(' → ')
}

/**
 * Publish-time checks of a graph's calls (see the top of this file). Throws a 422 naming the
 * offending nodes.
 */
export async function assertNoCallCycle(
  tenantId: number,
  workflowId: number,
  graph: WorkflowGraph
) {
  const calls = calledWorkflows(graph)
  if (calls.size === 0) return
  await assertCalleesCallable(tenantId, graph)
  const { edges } = await reachableCallGraph(workflowId, [...calls.keys()])
  // BFS from each callee looking for a path back to workflowId.
  const path = findPath(edges, workflowId)
  if (!path) return
  const label = await cycleLabel(tenantId, [workflowId, ...path])
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
