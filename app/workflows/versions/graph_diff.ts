/**
 * Version diff (issue 8): what changed between two workflow graphs, as lists the history page
 * shows and colours on the diff canvas. jsondiffpatch does the structural diff with array items
 * matched by their id (objectHash), so reordered nodes are not reported as changes; its delta is
 * then read into nodes added/removed/changed (with the changed field paths) and edges
 * added/removed/changed. Pure: runs anywhere (no Lucid, no HTTP).
 */
import { create, type Delta } from 'jsondiffpatch'
import type { GraphEdge, GraphNode, WorkflowGraph } from '#workflows/engine/graph'

export type DiffStatus = 'added' | 'removed' | 'changed' | 'unchanged'

export interface NodeChange {
  id: string
  name: string
  type: string
  /** Changed paths inside the node, e.g. `config.subject`, `name`; empty for added/removed. */
  fields: string[]
}

export interface EdgeChange {
  id: string
  source: string
  sourcePort: string
  target: string
  targetPort: string
}

export interface GraphDiff {
  /** `moved`: only the canvas position changed (not a change of behaviour). */
  nodes: { added: NodeChange[]; removed: NodeChange[]; changed: NodeChange[]; moved: NodeChange[] }
  edges: { added: EdgeChange[]; removed: EdgeChange[]; changed: EdgeChange[] }
  /** Variables keys whose value changed, were added or removed. */
  variables: string[]
  identical: boolean
}

const differ = create({
  objectHash: (item: object, index?: number) => {
    const id = (item as { id?: unknown }).id
    return typeof id === 'string' || typeof id === 'number' ? String(id) : `$$index:${index}`
  },
  arrays: { detectMove: true, includeValueOnMove: false },
})

type ArrayDelta = { _t: 'a' } & Record<string, unknown>

/** Leaf paths of an object delta: `{ config: { subject: [a, b] } }` → ['config.subject']. */
export function deltaPaths(delta: Delta, prefix = ''): string[] {
  if (!delta || typeof delta !== 'object' || Array.isArray(delta)) return prefix ? [prefix] : []
  // An array inside a node (switch cases, form fields…) counts as one changed field.
  if ((delta as ArrayDelta)._t === 'a') return prefix ? [prefix] : []
  const paths: string[] = []
  for (const [key, value] of Object.entries(delta as Record<string, Delta>)) {
    const path = prefix ? `${prefix}.${key}` : key
    paths.push(...deltaPaths(value, path))
  }
  return paths
}

function nodeInfo(node: GraphNode, fields: string[] = []): NodeChange {
  return { id: node.id, name: node.name, type: node.type, fields }
}

function edgeInfo(edge: GraphEdge): EdgeChange {
  return {
    id: edge.id,
    source: edge.source,
    sourcePort: edge.sourcePort,
    target: edge.target,
    targetPort: edge.targetPort,
  }
}

/**
 * Reads an array delta: `'3': [item]` added (index in the new array), `'_2': [item, 0, 0]`
 * removed (index in the old one), `'_1': ['', 4, 3]` moved, `'4': {…}` changed in place.
 */
function readArrayDelta<T extends { id: string }>(
  delta: ArrayDelta | undefined,
  before: T[],
  after: T[]
) {
  const added: T[] = []
  const removed: T[] = []
  const changed: Array<{ item: T; delta: Delta }> = []
  if (!delta) return { added, removed, changed }
  for (const [key, value] of Object.entries(delta)) {
    if (key === '_t') continue
    if (key.startsWith('_')) {
      const entry = value as unknown[]
      if (entry[2] === 0) removed.push(before[Number(key.slice(1))])
      // Moves (entry[2] === 3) only reorder the list: not a change of the graph.
      continue
    }
    const index = Number(key)
    if (Array.isArray(value)) {
      if (value.length === 1) added.push(after[index])
      continue
    }
    changed.push({ item: after[index], delta: value as Delta })
  }
  return { added, removed, changed }
}

export function diffGraphs(from: WorkflowGraph, to: WorkflowGraph): GraphDiff {
  const before = { nodes: from.nodes ?? [], edges: from.edges ?? [] }
  const after = { nodes: to.nodes ?? [], edges: to.edges ?? [] }
  const delta = (differ.diff(
    { nodes: before.nodes, edges: before.edges, variables: from.variables ?? {} },
    { nodes: after.nodes, edges: after.edges, variables: to.variables ?? {} }
  ) ?? {}) as Record<string, Delta>

  const nodes = readArrayDelta(delta.nodes as ArrayDelta, before.nodes, after.nodes)
  const edges = readArrayDelta(delta.edges as ArrayDelta, before.edges, after.edges)

  const changedNodes: NodeChange[] = []
  const movedNodes: NodeChange[] = []
  for (const { item, delta: nodeDelta } of nodes.changed) {
    const fields = [...new Set(deltaPaths(nodeDelta))].filter(
      (path) => !path.startsWith('position')
    )
    if (fields.length > 0) changedNodes.push(nodeInfo(item, fields))
    else movedNodes.push(nodeInfo(item))
  }

  const variables = delta.variables ? deltaPaths(delta.variables).map((p) => p.split('.')[0]) : []
  const result: GraphDiff = {
    nodes: {
      added: nodes.added.map((node) => nodeInfo(node)),
      removed: nodes.removed.map((node) => nodeInfo(node)),
      changed: changedNodes,
      moved: movedNodes,
    },
    edges: {
      added: edges.added.map(edgeInfo),
      removed: edges.removed.map(edgeInfo),
      changed: edges.changed.map(({ item }) => edgeInfo(item)),
    },
    variables: [...new Set(variables)],
    identical: false,
  }
  result.identical =
    result.nodes.added.length +
      result.nodes.removed.length +
      result.nodes.changed.length +
      result.edges.added.length +
      result.edges.removed.length +
      result.edges.changed.length +
      result.variables.length ===
    0
  return result
}

/** Each node's status on the diff canvas (the `to` graph plus the removed nodes as ghosts). */
export function nodeStatuses(diff: GraphDiff): Record<string, DiffStatus> {
  const statuses: Record<string, DiffStatus> = {}
  for (const node of diff.nodes.added) statuses[node.id] = 'added'
  for (const node of diff.nodes.removed) statuses[node.id] = 'removed'
  for (const node of diff.nodes.changed) statuses[node.id] = 'changed'
  return statuses
}
