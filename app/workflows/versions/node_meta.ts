/** Label, icon and resolved ports of each node of a graph, for read-only canvases. */
import { nodeRegistry } from '#workflows/nodes/registry'
import { resolvePorts } from '#workflows/engine/ports'
import type { GraphNode } from '#workflows/engine/graph'

export type CanvasNodeMeta = {
  label: string
  icon: string
  inputs: Array<{ id: string; label: string; kind: string }>
  outputs: Array<{ id: string; label: string; kind: string }>
}

export function nodeMetaFor(graph: { nodes: GraphNode[] }): Record<string, CanvasNodeMeta> {
  const meta: Record<string, CanvasNodeMeta> = {}
  for (const node of graph.nodes) {
    const definition = nodeRegistry.get(node.type)
    const ports = definition
      ? resolvePorts(definition, node.config ?? {})
      : { inputs: [], outputs: [] }
    meta[node.id] = {
      label: definition?.label ?? node.type,
      icon: definition?.icon ?? 'pi pi-question-circle',
      inputs: ports.inputs.map(({ id, label, kind }) => ({ id, label, kind })),
      outputs: ports.outputs.map(({ id, label, kind }) => ({ id, label, kind })),
    }
  }
  return meta
}
