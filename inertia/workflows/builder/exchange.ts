/**
 * JSON formats the builder reads and writes:
 *  - clipboard fragment (copy/cut/paste, also between workflows and browser tabs):
 *      { format: 'logiaccounting.workflow-fragment', version: 1, nodes: GraphNode[], edges: GraphEdge[] }
 *    Only edges whose both ends are in the fragment are kept.
 *  - workflow export file (download/upload and paste):
 *      { format: 'logiaccounting.workflow', version: 1, name, description, graph: WorkflowGraph }
 * Reading is strict and says what is wrong (JSON position, field path, unknown node type, dangling
 * edge), because people paste these from chat messages and editors.
 */
import { Value } from '@sinclair/typebox/value'
import { WorkflowGraphSchema } from '#workflows/engine/graph'
import type { GraphEdge, GraphNode, WorkflowGraph } from '#workflows/engine/graph'
import { newEdgeId, newNodeId, uniqueName } from './ids.js'

export const FRAGMENT_FORMAT = 'logiaccounting.workflow-fragment'
export const WORKFLOW_FORMAT = 'logiaccounting.workflow'

export interface ClipboardFragment {
  format: typeof FRAGMENT_FORMAT
  version: 1
  nodes: GraphNode[]
  edges: GraphEdge[]
}

export interface WorkflowFile {
  format: typeof WORKFLOW_FORMAT
  version: 1
  name: string
  description: string | null
  graph: WorkflowGraph
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; errors: string[] }

export function createFragment(graph: WorkflowGraph, nodeIds: Iterable<string>): ClipboardFragment {
  const ids = new Set(nodeIds)
  return {
    format: FRAGMENT_FORMAT,
    version: 1,
    nodes: graph.nodes.filter((n) => ids.has(n.id)),
    edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  }
}

export function serialize(value: ClipboardFragment | WorkflowFile): string {
  return JSON.stringify(value, null, 2)
}

export function exportWorkflow(input: {
  name: string
  description?: string | null
  graph: WorkflowGraph
}): WorkflowFile {
  return {
    format: WORKFLOW_FORMAT,
    version: 1,
    name: input.name,
    description: input.description ?? null,
    graph: input.graph,
  }
}

function parseJson(text: string): ReadResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    return { ok: false, errors: [`Not valid JSON: ${(error as Error).message}`] }
  }
}

/** Structural checks: schema (with field paths), duplicate ids, dangling edges, known types. */
export function checkGraph(graph: unknown, knownTypes?: Set<string>): string[] {
  const errors: string[] = []
  for (const e of Value.Errors(WorkflowGraphSchema, graph)) {
    errors.push(`${e.path || '/'}: ${e.message}`)
    if (errors.length >= 10) return errors
  }
  if (errors.length) return errors
  const g = graph as WorkflowGraph
  const ids = new Set<string>()
  g.nodes.forEach((node, i) => {
    if (ids.has(node.id)) errors.push(`/nodes/${i}/id: duplicate node id "${node.id}"`)
    ids.add(node.id)
    if (knownTypes && !knownTypes.has(node.type)) {
      errors.push(`/nodes/${i}/type: unknown node type "${node.type}"`)
    }
  })
  g.edges.forEach((edge, i) => {
    if (!ids.has(edge.source)) errors.push(`/edges/${i}/source: no node "${edge.source}"`)
    if (!ids.has(edge.target)) errors.push(`/edges/${i}/target: no node "${edge.target}"`)
  })
  return errors
}

/**
 * Reads clipboard text: a fragment, an exported workflow file or a bare `{ nodes, edges }` graph
 * (all three are useful to paste).
 */
export function readFragment(
  text: string,
  knownTypes?: Set<string>
): ReadResult<ClipboardFragment> {
  const parsed = parseJson(text)
  if (!parsed.ok) return parsed
  const value = parsed.value as any
  if (!value || typeof value !== 'object') {
    return { ok: false, errors: ['Expected a JSON object with nodes and edges'] }
  }
  const graph =
    value.format === WORKFLOW_FORMAT
      ? value.graph
      : { nodes: value.nodes, edges: value.edges ?? [] }
  if (value.format && value.format !== FRAGMENT_FORMAT && value.format !== WORKFLOW_FORMAT) {
    return { ok: false, errors: [`Unknown format "${String(value.format)}"`] }
  }
  const errors = checkGraph(graph, knownTypes)
  if (errors.length) return { ok: false, errors }
  return {
    ok: true,
    value: { format: FRAGMENT_FORMAT, version: 1, nodes: graph.nodes, edges: graph.edges },
  }
}

/** Reads an exported workflow file (or a bare graph) for "Import". */
export function readWorkflowFile(text: string, knownTypes?: Set<string>): ReadResult<WorkflowFile> {
  const parsed = parseJson(text)
  if (!parsed.ok) return parsed
  const value = parsed.value as any
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, errors: ['Expected a JSON object (an exported workflow)'] }
  }
  if (value.format !== undefined && value.format !== WORKFLOW_FORMAT) {
    return {
      ok: false,
      errors: [`/format: expected "${WORKFLOW_FORMAT}", got "${String(value.format)}"`],
    }
  }
  if (value.version !== undefined && value.version !== 1) {
    return { ok: false, errors: [`/version: unsupported version ${String(value.version)}`] }
  }
  const graph = value.format === WORKFLOW_FORMAT ? value.graph : value
  const errors = checkGraph(graph, knownTypes).map((e) =>
    value.format === WORKFLOW_FORMAT ? `/graph${e}` : e
  )
  if (errors.length) return { ok: false, errors }
  return {
    ok: true,
    value: {
      format: WORKFLOW_FORMAT,
      version: 1,
      name: typeof value.name === 'string' ? value.name : 'Imported workflow',
      description: typeof value.description === 'string' ? value.description : null,
      graph: { nodes: graph.nodes, edges: graph.edges, variables: graph.variables },
    },
  }
}

/**
 * Copies a fragment into a graph: fresh node and edge ids (edges re-pointed), names made unique,
 * positions shifted so the copy does not hide the original.
 */
export function instantiateFragment(
  fragment: ClipboardFragment,
  graph: WorkflowGraph,
  offset = { x: 40, y: 40 }
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodeIds = new Set(graph.nodes.map((n) => n.id))
  const edgeIds = new Set(graph.edges.map((e) => e.id))
  const names = new Set(graph.nodes.map((n) => n.name))
  const idMap = new Map<string, string>()
  const nodes = fragment.nodes.map((node) => {
    const id = newNodeId(node.type, nodeIds)
    nodeIds.add(id)
    idMap.set(node.id, id)
    const name = uniqueName(node.name, names)
    names.add(name)
    return {
      ...(JSON.parse(JSON.stringify(node)) as GraphNode),
      id,
      name,
      position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
    }
  })
  const edges: GraphEdge[] = []
  for (const edge of fragment.edges) {
    const source = idMap.get(edge.source)
    const target = idMap.get(edge.target)
    if (!source || !target) continue
    const id = newEdgeId(edgeIds)
    edgeIds.add(id)
    edges.push({ ...edge, id, source, target })
  }
  return { nodes, edges }
}
