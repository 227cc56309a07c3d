/**
 * One Pinia store per open workflow document (`workflow-<id>`). The graph is immutable data in a
 * shallowRef: every change goes through one of the actions below, which builds the next graph
 * (sharing untouched nodes) and records the previous one for undo. That small action surface is
 * what undo/redo records and what collaboration would replay later.
 *
 * Recorded actions: addNodes, removeElements, moveNodes, updateNode (rename, config, colour,
 * notes), connect, replaceGraph, and the composites built on them (paste, cut, duplicate,
 * addNodeOfType). Not recorded: selection, load, markSaved.
 *
 * Validation uses the engine's own `validateGraph` / `canConnect` so the builder and the server
 * can never disagree.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type {
  Connection,
  GraphEdge,
  GraphIssue,
  GraphNode,
  WorkflowGraph,
} from '#workflows/engine/graph'
import type { PublicNodeType } from '#workflows/nodes/types'
import { canConnect as engineCanConnect, validateGraph } from '#workflows/engine/validation'
import {
  createFragment,
  instantiateFragment,
  readFragment,
  serialize,
} from '../builder/exchange.js'
import { newEdgeId, newNodeId, uniqueName } from '../builder/ids.js'
import { defaultConfigFor, portsOf } from '../builder/node_types.js'

export interface NodePatch {
  name?: string
  config?: Record<string, unknown>
  color?: string
  notes?: string
}

interface HistoryEntry {
  graph: WorkflowGraph
  label: string
}

const HISTORY_LIMIT = 200

export function emptyGraph(): WorkflowGraph {
  return { nodes: [], edges: [], variables: {} }
}

/** Whether `b` is `a` with (at most) some nodes moved: every other part is the same object. */
function onlyPositionsDiffer(a: WorkflowGraph, b: WorkflowGraph): boolean {
  if (a === b) return true
  if (a.nodes.length !== b.nodes.length) return false
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key === 'nodes') continue
    if (a[key as keyof WorkflowGraph] !== b[key as keyof WorkflowGraph]) return false
  }
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i]
    const y = b.nodes[i]
    if (x === y) continue
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
      if (key === 'position') continue
      if (x[key as keyof GraphNode] !== y[key as keyof GraphNode]) return false
    }
  }
  return true
}

function setup() {
  const graph = shallowRef<WorkflowGraph>(emptyGraph())
  const nodeTypes = shallowRef<PublicNodeType[]>([])
  const selectedNodeIds = shallowRef<string[]>([])
  const selectedEdgeIds = shallowRef<string[]>([])
  const past = shallowRef<HistoryEntry[]>([])
  const future = shallowRef<HistoryEntry[]>([])
  const revision = ref(0)
  const savedRevision = ref(0)
  /** Consecutive changes with the same key (typing in one field) make one undo step. */
  let coalesceKey: string | null = null

  const nodeTypeMap = computed(() => new Map(nodeTypes.value.map((t) => [t.type, t])))
  const nodeMap = computed(() => new Map(graph.value.nodes.map((n) => [n.id, n])))
  /*
   * Validation never depends on positions: after a move (drag, arrange) the previous issues are
   * kept instead of re-validating every node on each drop (hundreds of ms for 500 nodes).
   */
  let validated: { graph: WorkflowGraph; types: PublicNodeType[]; issues: GraphIssue[] } | null =
    null
  const issues = computed<GraphIssue[]>(() => {
    const current = graph.value
    const types = nodeTypes.value
    if (validated && validated.types === types && onlyPositionsDiffer(validated.graph, current)) {
      return validated.issues
    }
    validated = { graph: current, types, issues: validateGraph(current, types) }
    return validated.issues
  })
  const issuesByNode = computed(() => {
    const map = new Map<string, GraphIssue[]>()
    for (const issue of issues.value) {
      if (!issue.nodeId) continue
      map.set(issue.nodeId, [...(map.get(issue.nodeId) ?? []), issue])
    }
    return map
  })
  const canUndo = computed(() => past.value.length > 0)
  const canRedo = computed(() => future.value.length > 0)
  const dirty = computed(() => revision.value !== savedRevision.value)
  const selectedNodes = computed(() =>
    selectedNodeIds.value.map((id) => nodeMap.value.get(id)).filter((n): n is GraphNode => !!n)
  )

  function commit(label: string, next: WorkflowGraph, key: string | null = null) {
    if (!(key && key === coalesceKey && past.value.length)) {
      past.value = [...past.value.slice(-(HISTORY_LIMIT - 1)), { graph: graph.value, label }]
    }
    future.value = []
    coalesceKey = key
    graph.value = next
    revision.value++
  }

  function pruneSelection() {
    const nodes = nodeMap.value
    const edges = new Set(graph.value.edges.map((e) => e.id))
    selectedNodeIds.value = selectedNodeIds.value.filter((id) => nodes.has(id))
    selectedEdgeIds.value = selectedEdgeIds.value.filter((id) => edges.has(id))
  }

  /** Opens a document: resets history; the loaded graph counts as saved. */
  function load(input: { graph?: WorkflowGraph | null; nodeTypes: PublicNodeType[] }) {
    nodeTypes.value = input.nodeTypes
    graph.value = {
      ...emptyGraph(),
      ...(input.graph ?? {}),
      nodes: input.graph?.nodes ?? [],
      edges: input.graph?.edges ?? [],
    }
    past.value = []
    future.value = []
    coalesceKey = null
    revision.value = 0
    savedRevision.value = 0
    selectedNodeIds.value = []
    selectedEdgeIds.value = []
  }

  function select(nodeIds: string[], edgeIds: string[] = []) {
    selectedNodeIds.value = [...new Set(nodeIds)]
    selectedEdgeIds.value = [...new Set(edgeIds)]
  }

  function selectAll() {
    select(
      graph.value.nodes.map((n) => n.id),
      graph.value.edges.map((e) => e.id)
    )
  }

  function addNodes(nodes: GraphNode[], edges: GraphEdge[] = [], label = 'Add nodes') {
    if (!nodes.length && !edges.length) return
    commit(label, {
      ...graph.value,
      nodes: [...graph.value.nodes, ...nodes],
      edges: [...graph.value.edges, ...edges],
    })
    select(
      nodes.map((n) => n.id),
      []
    )
  }

  /** Removes nodes (with their edges) and edges. */
  function removeElements(nodeIds: string[], edgeIds: string[] = []) {
    const nodes = new Set(nodeIds)
    const edges = new Set(edgeIds)
    const nextEdges = graph.value.edges.filter(
      (e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)
    )
    const nextNodes = graph.value.nodes.filter((n) => !nodes.has(n.id))
    if (
      nextNodes.length === graph.value.nodes.length &&
      nextEdges.length === graph.value.edges.length
    ) {
      return
    }
    commit('Delete', { ...graph.value, nodes: nextNodes, edges: nextEdges })
    pruneSelection()
  }

  function removeSelection() {
    removeElements(selectedNodeIds.value, selectedEdgeIds.value)
  }

  function moveNodes(positions: Record<string, { x: number; y: number }>, label = 'Move') {
    let changed = false
    const nodes = graph.value.nodes.map((node) => {
      const p = positions[node.id]
      if (!p || (p.x === node.position.x && p.y === node.position.y)) return node
      changed = true
      return { ...node, position: { x: p.x, y: p.y } }
    })
    if (changed) commit(label, { ...graph.value, nodes })
  }

  /**
   * Rename, recolour, annotate or edit config. `config` is merged key by key; edits of the same
   * field in a row are one undo step.
   */
  function updateNode(id: string, patch: NodePatch, key: string | null = null) {
    const node = nodeMap.value.get(id)
    if (!node) return
    const next: GraphNode = {
      ...node,
      ...patch,
      config: patch.config ? { ...node.config, ...patch.config } : node.config,
    }
    const label = patch.name !== undefined ? 'Rename' : patch.config ? 'Edit settings' : 'Edit node'
    commit(
      label,
      { ...graph.value, nodes: graph.value.nodes.map((n) => (n.id === id ? next : n)) },
      key
    )
  }

  function setConfigValue(id: string, field: string, value: unknown) {
    const node = nodeMap.value.get(id)
    if (!node) return
    const config = { ...node.config }
    // A cleared field is "not set", like in defaultConfigFor.
    if (value === undefined || value === '' || value === null) delete config[field]
    else config[field] = value
    const next: GraphNode = { ...node, config }
    commit(
      'Edit settings',
      { ...graph.value, nodes: graph.value.nodes.map((n) => (n.id === id ? next : n)) },
      `config:${id}:${field}`
    )
  }

  function rename(id: string, name: string) {
    const trimmed = name.trim()
    if (!trimmed || nodeMap.value.get(id)?.name === trimmed) return
    updateNode(id, { name: trimmed })
  }

  function checkConnection(connection: Connection) {
    return engineCanConnect(graph.value, nodeTypes.value, connection)
  }

  /** Adds an edge when the engine allows it; otherwise returns the engine's reason. */
  function connect(
    connection: Connection
  ): { ok: true; edge: GraphEdge } | { ok: false; reason: string } {
    const verdict = checkConnection(connection)
    if (!verdict.ok) return verdict
    const edge: GraphEdge = {
      id: newEdgeId(new Set(graph.value.edges.map((e) => e.id))),
      ...connection,
    }
    commit('Connect', { ...graph.value, edges: [...graph.value.edges, edge] })
    return { ok: true, edge }
  }

  /** Import / restore a version: one undoable step. */
  function replaceGraph(next: WorkflowGraph, label = 'Import') {
    commit(label, { ...next, nodes: next.nodes ?? [], edges: next.edges ?? [] })
    select([], [])
  }

  function undo() {
    const entry = past.value[past.value.length - 1]
    if (!entry) return
    future.value = [...future.value, { graph: graph.value, label: entry.label }]
    past.value = past.value.slice(0, -1)
    graph.value = entry.graph
    coalesceKey = null
    revision.value++
    pruneSelection()
  }

  function redo() {
    const entry = future.value[future.value.length - 1]
    if (!entry) return
    past.value = [...past.value, { graph: graph.value, label: entry.label }]
    future.value = future.value.slice(0, -1)
    graph.value = entry.graph
    coalesceKey = null
    revision.value++
    pruneSelection()
  }

  /** Clipboard text for the selected nodes (and the edges between them); null when nothing is selected. */
  function copySelection(): string | null {
    if (!selectedNodeIds.value.length) return null
    return serialize(createFragment(graph.value, selectedNodeIds.value))
  }

  function cutSelection(): string | null {
    const text = copySelection()
    if (text) removeElements(selectedNodeIds.value, selectedEdgeIds.value)
    return text
  }

  /** Pastes clipboard text; returns the errors when it is not a usable fragment. */
  function paste(
    text: string,
    offset = { x: 40, y: 40 }
  ): { ok: true; nodeIds: string[] } | { ok: false; errors: string[] } {
    const read = readFragment(text, new Set(nodeTypeMap.value.keys()))
    if (!read.ok) return read
    const { nodes, edges } = instantiateFragment(read.value, graph.value, offset)
    addNodes(nodes, edges, 'Paste')
    return { ok: true, nodeIds: nodes.map((n) => n.id) }
  }

  function duplicateSelection() {
    const text = copySelection()
    return text ? paste(text) : null
  }

  /**
   * Adds a node of `type` at `position`, or (palette click) right of the single selected node,
   * connected from its first output to the new node's first input when the engine allows it.
   */
  function addNodeOfType(type: string, position?: { x: number; y: number }): GraphNode | null {
    const def = nodeTypeMap.value.get(type)
    if (!def) return null
    const after = !position && selectedNodes.value.length === 1 ? selectedNodes.value[0] : null
    const node: GraphNode = {
      id: newNodeId(type, new Set(nodeMap.value.keys())),
      type,
      name: uniqueName(def.label, new Set(graph.value.nodes.map((n) => n.name))),
      config: defaultConfigFor(def),
      position:
        position ?? (after ? { x: after.position.x + 280, y: after.position.y } : nextFreeSpot()),
    }
    const edges: GraphEdge[] = []
    if (after) {
      const from = portsOf(nodeTypeMap.value.get(after.type), after.config).outputs.find(
        (p) => p.kind === 'main'
      )
      const to = portsOf(def, node.config).inputs.find((p) => p.kind === 'main')
      if (from && to) {
        const connection = {
          source: after.id,
          sourcePort: from.id,
          target: node.id,
          targetPort: to.id,
        }
        const probe = { ...graph.value, nodes: [...graph.value.nodes, node] }
        if (engineCanConnect(probe, nodeTypes.value, connection).ok) {
          edges.push({ id: newEdgeId(new Set(graph.value.edges.map((e) => e.id))), ...connection })
        }
      }
    }
    addNodes([node], edges, `Add ${def.label}`)
    return node
  }

  function nextFreeSpot() {
    const nodes = graph.value.nodes
    if (!nodes.length) return { x: 80, y: 120 }
    const maxX = Math.max(...nodes.map((n) => n.position.x))
    return { x: maxX + 280, y: nodes[nodes.length - 1].position.y }
  }

  function markSaved(atRevision: number) {
    savedRevision.value = atRevision
  }

  return {
    graph,
    nodeTypes,
    nodeTypeMap,
    nodeMap,
    selectedNodeIds,
    selectedEdgeIds,
    selectedNodes,
    issues,
    issuesByNode,
    past,
    future,
    canUndo,
    canRedo,
    revision,
    savedRevision,
    dirty,
    load,
    select,
    selectAll,
    addNodes,
    removeElements,
    removeSelection,
    moveNodes,
    updateNode,
    setConfigValue,
    rename,
    checkConnection,
    connect,
    replaceGraph,
    undo,
    redo,
    copySelection,
    cutSelection,
    paste,
    duplicateSelection,
    addNodeOfType,
    markSaved,
  }
}

const definitions = new Map<string, ReturnType<typeof defineDocumentStore>>()

function defineDocumentStore(id: string) {
  return defineStore(id, setup)
}

/** The store of workflow `workflowId` (one instance per document and Pinia). */
export function useWorkflowDocument(workflowId: number | string) {
  const id = `workflow-${workflowId}`
  let useStore = definitions.get(id)
  if (!useStore) {
    useStore = defineDocumentStore(id)
    definitions.set(id, useStore)
  }
  return useStore()
}

export type WorkflowDocumentStore = ReturnType<typeof useWorkflowDocument>
