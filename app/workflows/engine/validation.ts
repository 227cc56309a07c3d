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
  type GraphEdge,
  type GraphIssue,
  type GraphNode,
  type WorkflowGraph,
} from './graph.js'
import { checkAgainstSchema } from './schema.js'
import { validateConditionGroup } from './conditions.js'
import { checkTemplate, templateStrings } from './expressions.js'
import type { PublicNodeType } from '../nodes/types.js'
import {
  analyze,
  edgeProblem,
  findCycle,
  flowAdjacency,
  label,
  loopIssues,
  reachable,
  type NodeTypes,
} from './connections.js'

export type { GraphIssue } from './graph.js'
export { canConnect, type ConnectResult } from './connections.js'

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
  issues.push(...dynamicPortIssues(node, type))
  return issues
}

/** Switch cases / parallel branches become ports: their ids must be unique. */
function dynamicPortIssues(node: GraphNode, type: PublicNodeType): GraphIssue[] {
  const dynamic = type.ports.dynamicOutputs
  const list = dynamic ? (node.config ?? {})[dynamic.from] : undefined
  if (!dynamic || !Array.isArray(list)) return []
  const taken = new Set(type.ports.outputs.map((port) => port.id))
  const issues: GraphIssue[] = []
  list.forEach((item, index) => {
    const id = (item as Record<string, unknown> | null)?.[dynamic.idKey]
    if (typeof id !== 'string' || id === '') return
    if (taken.has(id)) {
      issues.push({
        nodeId: node.id,
        path: `config.${dynamic.from}.${index}.${dynamic.idKey}`,
        code: 'duplicate_port',
        message: `The output "${id}" is used twice`,
      })
    }
    taken.add(id)
  })
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
