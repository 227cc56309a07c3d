/**
 * What one workflow graph depends on, read from its nodes: the workflows it calls (Sub-Workflow
 * nodes) and, through each node type's `dependencies(config)` hook, the entities it reads and
 * writes, the events it listens to and the events its writes cause. Pure: no database.
 *
 * The Sub-Workflow node's config is read here rather than through a hook (the node file belongs to
 * the sub-workflow runtime); the keys are the ones `calledWorkflows` in subflows/call_graph reads.
 */
import type { GraphNode, WorkflowGraph } from '#workflows/engine/graph'
import type { NodeDefinition } from '#workflows/nodes/types'

export const SUB_WORKFLOW_TYPE = 'sub_workflow'
export const RETURN_TYPE = 'return'
export const MANUAL_TYPE = 'manual'

export type DependencyKind = 'reads' | 'writes' | 'listens' | 'emits'

/** One Sub-Workflow node calling another workflow. */
export interface WorkflowCall {
  workflowId: number
  /** Set when the callee is a library component another tenant shares with this one. */
  ownerTenantId: number | null
  /** Pinned version number; null = the callee's latest published version. */
  version: number | null
  mode: 'sync' | 'async'
  nodeId: string
  nodeName: string
  parameters: Record<string, unknown>
}

/** An entity or event name with the nodes that use it. */
export interface DependencyUse {
  name: string
  nodeIds: string[]
}

export interface GraphDependencies {
  calls: WorkflowCall[]
  reads: DependencyUse[]
  writes: DependencyUse[]
  listens: DependencyUse[]
  emits: DependencyUse[]
}

type DefinitionLookup = (type: string) => NodeDefinition | undefined

function nodesOf(graph: WorkflowGraph | null | undefined): GraphNode[] {
  return Array.isArray(graph?.nodes) ? graph.nodes : []
}

/** The Sub-Workflow node's call, or null while its workflow is not chosen. */
export function callOf(node: GraphNode): WorkflowCall | null {
  if (node.type !== SUB_WORKFLOW_TYPE) return null
  const config = node.config ?? {}
  const workflowId = Number(config.workflowId)
  if (!Number.isInteger(workflowId) || workflowId <= 0) return null
  const version =
    config.version === null || config.version === undefined ? null : Number(config.version)
  const parameters =
    config.parameters && typeof config.parameters === 'object'
      ? (config.parameters as Record<string, unknown>)
      : {}
  const owner = Number(config.ownerTenantId)
  return {
    workflowId,
    ownerTenantId: Number.isInteger(owner) && owner > 0 ? owner : null,
    version: version !== null && Number.isInteger(version) && version > 0 ? version : null,
    mode: config.mode === 'async' ? 'async' : 'sync',
    nodeId: node.id,
    nodeName: node.name || node.id,
    parameters,
  }
}

export function graphDependencies(
  graph: WorkflowGraph | null | undefined,
  definitionOf: DefinitionLookup
): GraphDependencies {
  const calls: WorkflowCall[] = []
  const uses: Record<DependencyKind, Map<string, string[]>> = {
    reads: new Map(),
    writes: new Map(),
    listens: new Map(),
    emits: new Map(),
  }
  for (const node of nodesOf(graph)) {
    const call = callOf(node)
    if (call) calls.push(call)
    const declared = definitionOf(node.type)?.dependencies?.(node.config ?? {}) ?? {}
    for (const kind of Object.keys(uses) as DependencyKind[]) {
      for (const name of declared[kind] ?? []) {
        if (typeof name !== 'string' || name === '') continue
        const list = uses[kind].get(name) ?? []
        if (!list.includes(node.id)) list.push(node.id)
        uses[kind].set(name, list)
      }
    }
  }
  const listOf = (kind: DependencyKind) =>
    [...uses[kind].entries()]
      .map(([name, nodeIds]) => ({ name, nodeIds }))
      .sort((a, b) => a.name.localeCompare(b.name))
  return {
    calls,
    reads: listOf('reads'),
    writes: listOf('writes'),
    listens: listOf('listens'),
    emits: listOf('emits'),
  }
}

/** The fields of the graph's manual-trigger input form (what callers pass), or null without one. */
export function inputFormOf(graph: WorkflowGraph | null | undefined) {
  const trigger = nodesOf(graph).find((node) => node.type === MANUAL_TYPE)
  if (!trigger) return null
  const fields = Array.isArray(trigger.config?.fields) ? trigger.config.fields : []
  return fields.filter(
    (
      field
    ): field is {
      key: string
      label?: string
      type?: string
      required?: boolean
      default?: unknown
    } =>
      !!field && typeof field === 'object' && typeof (field as { key?: unknown }).key === 'string'
  )
}

/** Keys the graph's Return nodes hand back (any of them may be the one that runs). */
export function returnKeysOf(graph: WorkflowGraph | null | undefined): Set<string> {
  const keys = new Set<string>()
  for (const node of nodesOf(graph)) {
    if (node.type !== RETURN_TYPE) continue
    const values = node.config?.values
    if (values && typeof values === 'object') for (const key of Object.keys(values)) keys.add(key)
  }
  return keys
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The result keys a graph's expressions and condition fields read from a Sub-Workflow step:
 * `steps.<nodeId>.result.<key>` anywhere in the other nodes' config.
 */
export function resultKeysUsed(graph: WorkflowGraph | null | undefined, callNodeId: string) {
  const pattern = new RegExp(
    `steps\\.${escapeRegExp(callNodeId)}\\.result\\.([A-Za-z_$][A-Za-z0-9_$]*)`,
    'g'
  )
  const keys = new Map<string, string[]>()
  for (const node of nodesOf(graph)) {
    if (node.id === callNodeId) continue
    const text = JSON.stringify(node.config ?? {})
    for (const match of text.matchAll(pattern)) {
      const list = keys.get(match[1]) ?? []
      if (!list.includes(node.id)) list.push(node.id)
      keys.set(match[1], list)
    }
  }
  return keys
}
