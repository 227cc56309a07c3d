/**
 * Connection rules (C3): port kinds, cycles, loop bodies. Shared by `canConnect` (the builder asks
 * before adding an edge) and `validateGraph` (the whole graph before publishing). Pure.
 */
import type { Connection, GraphEdge, GraphIssue, GraphNode, WorkflowGraph } from './graph.js'
import { resolvePorts } from './ports.js'
import type { PortDefinition, PortKind, PublicNodeType } from '../nodes/types.js'

export type ConnectResult = { ok: true } | { ok: false; reason: string }
export type NodeTypes = PublicNodeType[] | Map<string, PublicNodeType>

export interface Analysis {
  nodes: Map<string, GraphNode>
  types: Map<string, PublicNodeType>
  ports: Map<string, { inputs: Map<string, PortDefinition>; outputs: Map<string, PortDefinition> }>
  out: Map<string, GraphEdge[]>
}

export function typeMap(nodeTypes: NodeTypes) {
  return nodeTypes instanceof Map ? nodeTypes : new Map(nodeTypes.map((t) => [t.type, t]))
}

export function analyze(graph: WorkflowGraph, nodeTypes: NodeTypes): Analysis {
  const types = typeMap(nodeTypes)
  const analysis: Analysis = { nodes: new Map(), types, ports: new Map(), out: new Map() }
  for (const node of graph.nodes) {
    if (analysis.nodes.has(node.id)) continue
    analysis.nodes.set(node.id, node)
    analysis.out.set(node.id, [])
    const type = types.get(node.type)
    if (!type) continue
    const ports = resolvePorts(type, node.config ?? {})
    analysis.ports.set(node.id, {
      inputs: new Map(ports.inputs.map((p) => [p.id, p])),
      outputs: new Map(ports.outputs.map((p) => [p.id, p])),
    })
  }
  return analysis
}

export function kindOf(a: Analysis, edge: Connection) {
  return {
    source: a.ports.get(edge.source)?.outputs.get(edge.sourcePort)?.kind,
    target: a.ports.get(edge.target)?.inputs.get(edge.targetPort)?.kind,
  }
}

/** Adjacency over "flow" edges (everything except edges into a loop_back port). */
export function flowAdjacency(a: Analysis, edges: Connection[]) {
  const next = new Map<string, string[]>()
  for (const id of a.nodes.keys()) next.set(id, [])
  for (const edge of edges) {
    if (kindOf(a, edge).target === 'loop_back') continue
    next.get(edge.source)?.push(edge.target)
  }
  return next
}

export function reachable(next: Map<string, string[]>, starts: string[], stopAt?: string) {
  const seen = new Set<string>()
  const stack = [...starts]
  while (stack.length) {
    const id = stack.pop()!
    if (seen.has(id) || id === stopAt) continue
    seen.add(id)
    stack.push(...(next.get(id) ?? []))
  }
  return seen
}

/** Body of each loop: nodes reachable from its loop_body port (not through the loop itself). */
export function loopBodies(a: Analysis, edges: Connection[], next: Map<string, string[]>) {
  const bodies = new Map<string, Set<string>>()
  for (const edge of edges) {
    if (kindOf(a, edge).source !== 'loop_body') continue
    const body = bodies.get(edge.source) ?? new Set<string>()
    for (const id of reachable(next, [edge.target], edge.source)) body.add(id)
    bodies.set(edge.source, body)
  }
  return bodies
}

export function connectionKindIssue(source: PortKind, target: PortKind): string | null {
  if (target === 'main') return null
  if (target === 'loop_back') {
    return source === 'main' || source === 'error' ? null : 'A loop body cannot start by going back'
  }
  return `Cannot connect into a ${target} port`
}

export function findCycle(next: Map<string, string[]>): string[] | null {
  const state = new Map<string, 1 | 2>()
  const path: string[] = []
  const visit = (id: string): string[] | null => {
    state.set(id, 1)
    path.push(id)
    for (const target of next.get(id) ?? []) {
      if (state.get(target) === 1) return path.slice(path.indexOf(target))
      if (!state.has(target)) {
        const found = visit(target)
        if (found) return found
      }
    }
    path.pop()
    state.set(id, 2)
    return null
  }
  for (const id of next.keys()) {
    if (!state.has(id)) {
      const found = visit(id)
      if (found) return found
    }
  }
  return null
}

export function label(a: Analysis, id: string) {
  const node = a.nodes.get(id)
  return node?.name ? `"${node.name}"` : id
}

export function edgeProblem(a: Analysis, edge: Connection) {
  for (const [end, nodeId, portId] of [
    ['source', edge.source, edge.sourcePort],
    ['target', edge.target, edge.targetPort],
  ] as const) {
    if (!a.nodes.has(nodeId)) {
      return {
        code: 'dangling_edge',
        path: end,
        message: `The connection's ${end} node "${nodeId}" does not exist`,
      }
    }
    const ports = a.ports.get(nodeId)
    if (!ports)
      return {
        code: 'unknown_node_type',
        nodeId,
        path: 'type',
        message: `Unknown node type for ${label(a, nodeId)}`,
      }
    const port = end === 'source' ? ports.outputs.get(portId) : ports.inputs.get(portId)
    if (!port) {
      const kind = end === 'source' ? 'output' : 'input'
      return {
        code: 'unknown_port',
        nodeId,
        path: `${end}Port`,
        message: `${label(a, nodeId)} has no ${kind} port "${portId}"`,
      }
    }
  }
  if (edge.source === edge.target) {
    return {
      code: 'self_connection',
      nodeId: edge.source,
      message: `${label(a, edge.source)} cannot connect to itself`,
    }
  }
  const kinds = kindOf(a, edge)
  const reason = connectionKindIssue(kinds.source!, kinds.target!)
  if (reason)
    return { code: 'invalid_connection', nodeId: edge.target, path: 'targetPort', message: reason }
  return null
}

export function loopIssues(
  a: Analysis,
  edges: Connection[],
  next: Map<string, string[]>
): GraphIssue[] {
  const issues: GraphIssue[] = []
  const bodies = loopBodies(a, edges, next)
  for (const edge of edges) {
    const kinds = kindOf(a, edge)
    if (kinds.target === 'loop_back' && !bodies.get(edge.target)?.has(edge.source)) {
      issues.push({
        nodeId: edge.source,
        edgeId: (edge as GraphEdge).id,
        code: 'loop_back_outside',
        message: `Only nodes inside the loop body of ${label(a, edge.target)} can connect to its "${edge.targetPort}" port`,
      })
    }
  }
  for (const [loopId, body] of bodies) {
    for (const edge of edges) {
      if (!body.has(edge.target) || body.has(edge.source)) continue
      if (edge.source === loopId && kindOf(a, edge).source === 'loop_body') continue
      issues.push({
        nodeId: edge.target,
        edgeId: (edge as GraphEdge).id,
        code: 'loop_body_escape',
        message: `${label(a, edge.target)} is inside the loop body of ${label(a, loopId)} but also receives a connection from ${label(a, edge.source)} outside it`,
      })
    }
  }
  return issues
}

/** Whether the builder may add this connection, with the reason when not. */
export function canConnect(
  graph: WorkflowGraph,
  nodeTypes: NodeTypes,
  connection: Connection
): ConnectResult {
  const a = analyze(graph, nodeTypes)
  const problem = edgeProblem(a, connection)
  if (problem) return { ok: false, reason: problem.message }
  const duplicate = graph.edges.some(
    (e) =>
      e.source === connection.source &&
      e.sourcePort === connection.sourcePort &&
      e.target === connection.target &&
      e.targetPort === connection.targetPort
  )
  if (duplicate) return { ok: false, reason: 'These ports are already connected' }
  const edges: Connection[] = graph.edges.filter((e) => !edgeProblem(a, e))
  const withNew = [...edges, connection]
  const next = flowAdjacency(a, withNew)
  if (kindOf(a, connection).target !== 'loop_back') {
    const before = flowAdjacency(a, edges)
    if (reachable(before, [connection.target]).has(connection.source)) {
      return {
        ok: false,
        reason: `This would create a cycle: ${label(a, connection.target)} already leads to ${label(a, connection.source)}. Use a loop to repeat steps.`,
      }
    }
  }
  if (findCycle(next)) return { ok: true }
  const introduced = loopIssues(a, withNew, next).find(
    (issue) => issue.nodeId === connection.target || issue.nodeId === connection.source
  )
  if (
    introduced &&
    !loopIssues(a, edges, flowAdjacency(a, edges)).some((i) => i.message === introduced.message)
  ) {
    return { ok: false, reason: introduced.message }
  }
  return { ok: true }
}
