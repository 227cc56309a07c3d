/**
 * Graph validation and connection rules (C3). Pure: the builder imports these in the browser
 * (node types come from GET /api/v1/node-types as JSON) and the server runs the same functions
 * before publishing, so both always agree.
 *
 * Rules: well-formed graph, unique ids, known node types, exactly one trigger, edges between
 * existing nodes and ports (no dangling ports), port kinds that fit (see PortKind), no duplicate
 * or self connections, no cycles except back into a loop's `loop_back` port from its own body,
 * loop bodies closed (nothing outside a body feeds a node inside it), every node reachable from
 * the trigger, config valid against the node's schema (required fields, types, condition rules,
 * template syntax). Each issue names the node/edge, a field path and the reason.
 */
import {
  checkGraphShape,
  type Connection,
  type GraphEdge,
  type GraphIssue,
  type GraphNode,
  type WorkflowGraph,
} from './graph.js'
import { resolvePorts } from './ports.js'
import { checkAgainstSchema } from './schema.js'
import { validateConditionGroup } from './conditions.js'
import { checkTemplate, templateStrings } from './expressions.js'
import type { PortDefinition, PortKind, PublicNodeType } from '../nodes/types.js'

export type { GraphIssue } from './graph.js'
export type ConnectResult = { ok: true } | { ok: false; reason: string }
type NodeTypes = PublicNodeType[] | Map<string, PublicNodeType>

interface Analysis {
  nodes: Map<string, GraphNode>
  types: Map<string, PublicNodeType>
  ports: Map<string, { inputs: Map<string, PortDefinition>; outputs: Map<string, PortDefinition> }>
  out: Map<string, GraphEdge[]>
}

function typeMap(nodeTypes: NodeTypes) {
  return nodeTypes instanceof Map ? nodeTypes : new Map(nodeTypes.map((t) => [t.type, t]))
}

function analyze(graph: WorkflowGraph, nodeTypes: NodeTypes): Analysis {
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

function kindOf(a: Analysis, edge: Connection) {
  return {
    source: a.ports.get(edge.source)?.outputs.get(edge.sourcePort)?.kind,
    target: a.ports.get(edge.target)?.inputs.get(edge.targetPort)?.kind,
  }
}

/** Adjacency over "flow" edges (everything except edges into a loop_back port). */
function flowAdjacency(a: Analysis, edges: Connection[]) {
  const next = new Map<string, string[]>()
  for (const id of a.nodes.keys()) next.set(id, [])
  for (const edge of edges) {
    if (kindOf(a, edge).target === 'loop_back') continue
    next.get(edge.source)?.push(edge.target)
  }
  return next
}

function reachable(next: Map<string, string[]>, starts: string[], stopAt?: string) {
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
function loopBodies(a: Analysis, edges: Connection[], next: Map<string, string[]>) {
  const bodies = new Map<string, Set<string>>()
  for (const edge of edges) {
    if (kindOf(a, edge).source !== 'loop_body') continue
    const body = bodies.get(edge.source) ?? new Set<string>()
    for (const id of reachable(next, [edge.target], edge.source)) body.add(id)
    bodies.set(edge.source, body)
  }
  return bodies
}

function connectionKindIssue(source: PortKind, target: PortKind): string | null {
  if (target === 'main') return null
  if (target === 'loop_back') {
    return source === 'main' || source === 'error' ? null : 'A loop body cannot start by going back'
  }
  return `Cannot connect into a ${target} port`
}

function findCycle(next: Map<string, string[]>): string[] | null {
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

function label(a: Analysis, id: string) {
  const node = a.nodes.get(id)
  return node?.name ? `"${node.name}"` : id
}

function configIssues(node: GraphNode, type: PublicNodeType): GraphIssue[] {
  const issues: GraphIssue[] = []
  const config = node.config ?? {}
  for (const issue of checkAgainstSchema(type.configSchema, config)) {
    const path = issue.path ? `config.${issue.path}` : 'config'
    issues.push({ nodeId: node.id, path, code: 'invalid_config', message: issue.message })
  }
  const properties = (type.configSchema as { properties?: Record<string, any> }).properties ?? {}
  for (const [key, property] of Object.entries(properties)) {
    if (property?.ui?.widget === 'conditions' && config[key] !== undefined) {
      for (const issue of validateConditionGroup(config[key], key)) {
        issues.push({
          nodeId: node.id,
          path: `config.${issue.path}`,
          code: 'invalid_condition',
          message: issue.message,
        })
      }
    }
  }
  for (const { path, template } of templateStrings(config)) {
    const error = checkTemplate(template)
    if (error) {
      issues.push({
        nodeId: node.id,
        path: `config.${path}`,
        code: 'invalid_expression',
        message: `Invalid expression: ${error}`,
      })
    }
  }
  return issues
}

export function validateGraph(graph: WorkflowGraph, nodeTypes: NodeTypes): GraphIssue[] {
  const shape = checkGraphShape(graph)
  if (shape.length) return shape
  const a = analyze(graph, nodeTypes)
  const issues: GraphIssue[] = []
  const seenNodes = new Set<string>()
  for (const node of graph.nodes) {
    if (seenNodes.has(node.id)) {
      issues.push({
        nodeId: node.id,
        code: 'duplicate_node_id',
        message: `Two nodes have the id "${node.id}"`,
      })
    }
    seenNodes.add(node.id)
    const type = a.types.get(node.type)
    if (!type) {
      issues.push({
        nodeId: node.id,
        path: 'type',
        code: 'unknown_node_type',
        message: `Unknown node type "${node.type}"`,
      })
      continue
    }
    issues.push(...configIssues(node, type))
  }
  const triggers = graph.nodes.filter((node) => a.types.get(node.type)?.category === 'trigger')
  if (triggers.length === 0) {
    issues.push({
      code: 'no_trigger',
      message: 'The workflow needs exactly one trigger; it has none',
    })
  }
  for (const extra of triggers.slice(1)) {
    issues.push({
      nodeId: extra.id,
      code: 'multiple_triggers',
      message: `Only one trigger is allowed; ${label(a, extra.id)} is a second one`,
    })
  }

  const edges: GraphEdge[] = []
  const seenEdges = new Set<string>()
  const seenConnections = new Set<string>()
  for (const edge of graph.edges) {
    if (seenEdges.has(edge.id)) {
      issues.push({
        edgeId: edge.id,
        code: 'duplicate_edge_id',
        message: `Two connections have the id "${edge.id}"`,
      })
      continue
    }
    seenEdges.add(edge.id)
    const problem = edgeProblem(a, edge)
    if (problem) {
      issues.push({
        edgeId: edge.id,
        nodeId: problem.nodeId,
        path: problem.path,
        code: problem.code,
        message: problem.message,
      })
      continue
    }
    const signature = `${edge.source}:${edge.sourcePort}>${edge.target}:${edge.targetPort}`
    if (seenConnections.has(signature)) {
      issues.push({
        edgeId: edge.id,
        nodeId: edge.source,
        code: 'duplicate_connection',
        message: `${label(a, edge.source)} is connected to ${label(a, edge.target)} twice`,
      })
      continue
    }
    seenConnections.add(signature)
    edges.push(edge)
  }

  const next = flowAdjacency(a, edges)
  const cycle = findCycle(next)
  if (cycle) {
    issues.push({
      nodeId: cycle[0],
      code: 'cycle',
      message: `The connections form a cycle: ${[...cycle, cycle[0]].map((id) => label(a, id)).join(' → ')} (only a loop body may go back, into the loop's "next" port)`,
    })
  } else {
    issues.push(...loopIssues(a, edges, next))
  }

  if (triggers.length >= 1) {
    const reached = reachable(next, [triggers[0].id])
    for (const node of graph.nodes) {
      if (!reached.has(node.id) && a.types.get(node.type)?.category !== 'trigger') {
        issues.push({
          nodeId: node.id,
          code: 'unreachable',
          message: `${label(a, node.id)} is not connected to the trigger, so it would never run`,
        })
      }
    }
  }
  return issues
}

function edgeProblem(a: Analysis, edge: Connection) {
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

function loopIssues(a: Analysis, edges: Connection[], next: Map<string, string[]>): GraphIssue[] {
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
