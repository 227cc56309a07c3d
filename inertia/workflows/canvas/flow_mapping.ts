/**
 * Maps the document graph to Vue Flow nodes/edges. Each mapped node is cached and reused while
 * its inputs (graph node object, issues) are unchanged, so an edit re-renders only the nodes it
 * touched: this is what keeps 500-node workflows responsive. Selection is not mapped: the canvas
 * applies it to the few Vue Flow elements whose state changes (see workflow_canvas.vue), so a
 * click does not re-sync the whole graph.
 */
import { markRaw, type InjectionKey } from 'vue'
import type { Connection as FlowConnection } from '@vue-flow/core'
import type { GraphEdge, GraphIssue, GraphNode } from '#workflows/engine/graph'
import type { ResolvedPorts } from '#workflows/engine/ports'
import type { PublicNodeType } from '#workflows/nodes/types'
import { expectsSummary, portsOf, summaryFor } from '../builder/node_types.js'

/** The canvas's connection check, given to every handle (see workflow_canvas.vue). */
export const ConnectionCheckKey: InjectionKey<(c: FlowConnection) => boolean> =
  Symbol('connection-check')

export interface FlowNodeData {
  node: GraphNode
  typeLabel: string
  icon: string
  accent: string
  /** Rendered on first read: only nodes in view render, and templates compile on first use. */
  readonly summary: string
  /** Whether a summary line is expected, for estimating the size of nodes not yet rendered. */
  expectsSummary: boolean
  ports: ResolvedPorts
  issues: GraphIssue[]
}

export interface FlowNode {
  id: string
  type: 'workflow'
  position: { x: number; y: number }
  data: FlowNodeData
}

export interface FlowEdge {
  id: string
  source: string
  target: string
  sourceHandle: string
  targetHandle: string
  type: string
  class: string
  label?: string
}

const GROUP_ACCENTS: Record<string, string> = {
  Triggers: '#8b5cf6',
  Actions: '#3b82f6',
  CRM: '#ec4899',
  Finance: '#10b981',
  Control: '#f59e0b',
  AI: '#06b6d4',
  Integrations: '#64748b',
}

interface CacheEntry {
  node: GraphNode
  def: PublicNodeType | undefined
  issueKey: string
  flow: FlowNode
}

export function createNodeMapper() {
  const cache = new Map<string, CacheEntry>()

  return function mapNodes(
    nodes: GraphNode[],
    types: Map<string, PublicNodeType>,
    issuesByNode: Map<string, GraphIssue[]>
  ): FlowNode[] {
    const seen = new Set<string>()
    const out = nodes.map((node) => {
      seen.add(node.id)
      const def = types.get(node.type)
      const issues = issuesByNode.get(node.id) ?? []
      const issueKey = issues.map((i) => `${i.path}:${i.message}`).join('|')
      const hit = cache.get(node.id)
      if (hit && hit.node === node && hit.def === def && hit.issueKey === issueKey) {
        return hit.flow
      }
      let summary: string | undefined
      const flow: FlowNode = {
        id: node.id,
        type: 'workflow',
        position: { ...node.position },
        // Immutable: replaced on change, never mutated, so Vue Flow need not make it deeply reactive.
        data: markRaw({
          node,
          typeLabel: def?.label ?? `Unknown type ${node.type}`,
          icon: def?.icon ?? 'pi pi-question-circle',
          accent: GROUP_ACCENTS[def?.group ?? ''] ?? '#6366f1',
          get summary() {
            return (summary ??= summaryFor(node, def))
          },
          expectsSummary: expectsSummary(node, def),
          ports: portsOf(def, node.config),
          issues,
        }),
      }
      cache.set(node.id, { node, def, issueKey, flow })
      return flow
    })
    for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id)
    return out
  }
}

export function mapEdges(edges: GraphEdge[], invalidEdges: Set<string>): FlowEdge[] {
  return edges.map((edge) => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourcePort,
    targetHandle: edge.targetPort,
    type: 'smoothstep',
    class: [
      invalidEdges.has(edge.id) ? 'wf-edge--invalid' : '',
      edge.sourcePort === 'error' ? 'wf-edge--error' : '',
    ]
      .filter(Boolean)
      .join(' '),
  }))
}
