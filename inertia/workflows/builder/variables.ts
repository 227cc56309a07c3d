/**
 * Variables an expression in a given node can use (autocomplete in the expression editor):
 * trigger payload fields (from the trigger's event types and the entity registry, or the manual
 * trigger's form, or the webhook request), outputs of upstream nodes (`steps.<id>`), workflow
 * variables (`vars.*`), loop frames, and execution info. Mirrors engine/context.ts.
 */
import { DOMAIN_EVENTS } from '#core/events/catalog'
import type { PublicEntityDefinition } from '#core/entities/types'
import type { GraphNode, WorkflowGraph } from '#workflows/engine/graph'
import type { PublicNodeType } from '#workflows/nodes/types'

export interface VariableSuggestion {
  path: string
  label: string
  detail?: string
}

function eventTypesOf(config: Record<string, unknown>): string[] {
  const out: string[] = []
  for (const key of ['event', 'events', 'eventType', 'eventTypes']) {
    const value = config[key]
    if (typeof value === 'string') out.push(value)
    if (Array.isArray(value)) out.push(...value.filter((v): v is string => typeof v === 'string'))
  }
  return out
}

/** Ids of every node with a path to `nodeId` (its upstream nodes), nearest first. */
export function upstreamOf(graph: WorkflowGraph, nodeId: string): string[] {
  const incoming = new Map<string, string[]>()
  for (const edge of graph.edges) {
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge.source])
  }
  const seen = new Set<string>([nodeId])
  const order: string[] = []
  const queue = [nodeId]
  while (queue.length) {
    const current = queue.shift()!
    for (const source of incoming.get(current) ?? []) {
      if (seen.has(source)) continue
      seen.add(source)
      order.push(source)
      queue.push(source)
    }
  }
  return order
}

function triggerVariables(
  trigger: GraphNode,
  def: PublicNodeType | undefined,
  entities: PublicEntityDefinition[]
): VariableSuggestion[] {
  const out: VariableSuggestion[] = []
  const kind = def?.trigger?.kind
  const config = trigger.config ?? {}
  if (kind === 'webhook') {
    for (const key of ['body', 'headers', 'query', 'method']) {
      out.push({ path: `trigger.${key}`, label: `Webhook ${key}` })
    }
  }
  if (kind === 'manual') {
    const fields = (config.fields ?? config.inputs ?? config.form) as unknown
    if (Array.isArray(fields)) {
      for (const f of fields) {
        const key = f?.key ?? f?.name
        if (typeof key === 'string')
          out.push({ path: `trigger.${key}`, label: f.label ?? key, detail: 'input' })
      }
    }
  }
  const events = eventTypesOf(config)
  if (events.length || kind === 'event') {
    out.push(
      { path: 'trigger.event', label: 'Event type' },
      { path: 'trigger.changes', label: 'Changed fields' }
    )
    const entityNames = new Set(
      DOMAIN_EVENTS.filter((e) => events.includes(e.type)).map((e) => e.entity as string)
    )
    for (const name of entityNames) {
      const entity = entities.find((e) => e.name === name)
      if (!entity) continue
      for (const field of entity.fields) {
        out.push({
          path: `${name}.${field.key}`,
          label: `${entity.label}: ${field.label}`,
          detail: field.type,
        })
        out.push({
          path: `trigger.entity.${field.key}`,
          label: `${entity.label}: ${field.label}`,
          detail: field.type,
        })
      }
    }
  }
  return out
}

export function availableVariables(
  graph: WorkflowGraph,
  nodeId: string,
  types: Map<string, PublicNodeType>,
  entities: PublicEntityDefinition[]
): VariableSuggestion[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]))
  const upstream = upstreamOf(graph, nodeId)
    .map((id) => byId.get(id))
    .filter((n): n is GraphNode => !!n)
  const out: VariableSuggestion[] = []
  const trigger = graph.nodes.find((n) => types.get(n.type)?.category === 'trigger')
  if (trigger) {
    out.push({ path: 'trigger', label: 'Trigger output', detail: trigger.name })
    out.push(...triggerVariables(trigger, types.get(trigger.type), entities))
  }
  for (const node of upstream) {
    if (types.get(node.type)?.category === 'trigger') continue
    out.push({
      path: `steps.${node.id}`,
      label: `${node.name} output`,
      detail: types.get(node.type)?.label,
    })
    if (node.type === 'loop') {
      out.push(
        { path: 'loop.item', label: 'Current loop item' },
        { path: 'loop.index', label: 'Loop index' }
      )
    }
  }
  const varKeys = new Set(Object.keys(graph.variables ?? {}))
  for (const node of upstream) {
    if (!types.get(node.type)?.setsVariables) continue
    const list = node.config.variables ?? node.config.values
    if (Array.isArray(list))
      list.forEach((v: any) => typeof v?.key === 'string' && varKeys.add(v.key))
    else if (list && typeof list === 'object') Object.keys(list).forEach((k) => varKeys.add(k))
  }
  for (const key of varKeys) out.push({ path: `vars.${key}`, label: `Variable ${key}` })
  out.push({ path: 'execution.id', label: 'Execution id' })
  return out
}
