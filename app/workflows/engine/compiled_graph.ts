/**
 * A workflow version compiled for the interpreter: node types and ports resolved, adjacency
 * lists, join fan-in counts and loop body sizes computed once (versions are immutable, so the
 * runtime caches this per version). See interpreter.ts for the execution model.
 */
import type { GraphNode, WorkflowGraph } from './graph.js'
import { resolvePorts } from './ports.js'
import type { PortKind, PublicNodeType } from '../nodes/types.js'

export class InterpreterError extends Error {}

export const LOOP_HARD_CAP = 10_000

export function stepKey(nodeId: string, scopeKey: string): string {
  return `${nodeId}@${scopeKey}`
}

export interface CompiledEdge {
  source: string
  sourcePort: string
  sourceKind: PortKind
  target: string
  targetKind: PortKind
}

export interface CompiledNode {
  node: GraphNode
  type: PublicNodeType
  out: CompiledEdge[]
  mainOutputs: Set<string>
  /** Incoming edges that count for joins (all but loop_back). */
  inCount: number
  isLoop: boolean
  /** Loop only: body nodes in the loop's own iteration scope (not nested loop bodies). */
  bodySize: number
}

export class CompiledGraph {
  readonly nodes = new Map<string, CompiledNode>()
  readonly triggerId: string
  readonly variables: Record<string, unknown>

  constructor(graph: WorkflowGraph, nodeTypes: PublicNodeType[] | Map<string, PublicNodeType>) {
    const types =
      nodeTypes instanceof Map ? nodeTypes : new Map(nodeTypes.map((type) => [type.type, type]))
    this.variables = graph.variables ?? {}
    const kinds = new Map<
      string,
      { inputs: Map<string, PortKind>; outputs: Map<string, PortKind> }
    >()
    let trigger: string | undefined
    for (const node of graph.nodes) {
      const type = types.get(node.type)
      if (!type) throw new InterpreterError(`Unknown node type "${node.type}" (node ${node.id})`)
      const ports = resolvePorts(type, node.config)
      kinds.set(node.id, {
        inputs: new Map(ports.inputs.map((p) => [p.id, p.kind])),
        outputs: new Map(ports.outputs.map((p) => [p.id, p.kind])),
      })
      if (type.category === 'trigger') trigger = node.id
      this.nodes.set(node.id, {
        node,
        type,
        out: [],
        mainOutputs: new Set(ports.outputs.filter((p) => p.kind === 'main').map((p) => p.id)),
        inCount: 0,
        isLoop: ports.outputs.some((p) => p.kind === 'loop_body'),
        bodySize: 0,
      })
    }
    if (!trigger) throw new InterpreterError('The workflow has no trigger')
    this.triggerId = trigger
    for (const edge of graph.edges) {
      const source = this.nodes.get(edge.source)
      const target = this.nodes.get(edge.target)
      const sourceKind = kinds.get(edge.source)?.outputs.get(edge.sourcePort)
      const targetKind = kinds.get(edge.target)?.inputs.get(edge.targetPort)
      if (!source || !target || !sourceKind || !targetKind) {
        throw new InterpreterError(`Edge ${edge.id} connects missing nodes or ports`)
      }
      source.out.push({ ...edge, sourceKind, targetKind })
      if (targetKind !== 'loop_back') target.inCount++
    }
    for (const compiled of this.nodes.values()) {
      if (compiled.isLoop) compiled.bodySize = this.directBody(compiled).size
    }
  }

  /** Nodes reachable from the loop's body port without entering nested loop bodies. */
  directBody(loop: CompiledNode): Set<string> {
    const seen = new Set<string>()
    const stack = loop.out.filter((e) => e.sourceKind === 'loop_body').map((e) => e.target)
    while (stack.length) {
      const id = stack.pop()!
      if (seen.has(id) || id === loop.node.id) continue
      seen.add(id)
      for (const edge of this.nodes.get(id)!.out) {
        if (edge.sourceKind === 'loop_body' || edge.targetKind === 'loop_back') continue
        stack.push(edge.target)
      }
    }
    return seen
  }
}

const RESERVED = new Set(['trigger', 'steps', 'vars', 'loop', 'loops', 'execution'])

/** `{ entityType: 'invoice', entity: {...} }` → exposes `invoice` in expressions. */
export function entityAlias(trigger: unknown): { name: string; entity: unknown } | null {
  if (!trigger || typeof trigger !== 'object') return null
  const { entityType, entity } = trigger as { entityType?: unknown; entity?: unknown }
  if (typeof entityType !== 'string' || !/^[a-z][a-z0-9_]*$/.test(entityType)) return null
  if (RESERVED.has(entityType) || entity === undefined) return null
  return { name: entityType, entity }
}
