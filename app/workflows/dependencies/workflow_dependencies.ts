/**
 * The dependencies of one workflow (its active version and its draft together): who calls it,
 * whom it calls, the entities and events it touches, and the workflows linked to it through the
 * events its writes cause. Built from the tenant scan; every other workflow is read through its
 * active version and draft as well for calls, through its active version only for event links
 * (a draft starts nothing).
 */
import { DOMAIN_EVENT_CATALOG } from '#core/events/catalog'
import { entityRegistry } from '#core/entities/registry'
import { entityOfEvent } from '#workflows/dependencies/entity_events'
import type { DependencyUse, WorkflowCall } from '#workflows/dependencies/graph_dependencies'
import { foreignWorkflow, type ScannedWorkflow } from '#workflows/dependencies/tenant_scan'
import type {
  CallLink,
  EntityUse,
  EventLink,
  EventUse,
  GraphSource,
  WorkflowDependencies,
  WorkflowRef,
} from '#workflows/dependencies/types'

export function entityLabel(name: string) {
  return entityRegistry.has(name) ? entityRegistry.get(name).label : name
}

export function eventLabel(type: string) {
  return (
    (DOMAIN_EVENT_CATALOG as Record<string, { label: string } | undefined>)[type]?.label ?? type
  )
}

function addSource(list: GraphSource[], source: GraphSource) {
  if (!list.includes(source)) list.push(source)
}

/** Merges the same call found in the active version and the draft into one link. */
class CallLinks {
  #links = new Map<string, CallLink>()

  add(workflow: WorkflowRef, call: WorkflowCall, source: GraphSource) {
    const key = `${workflow.id}|${call.nodeId}|${call.version}|${call.mode}`
    const link = this.#links.get(key) ?? {
      workflow,
      nodeId: call.nodeId,
      nodeName: call.nodeName,
      pinnedVersion: call.version,
      mode: call.mode,
      in: [],
    }
    addSource(link.in, source)
    this.#links.set(key, link)
  }

  list() {
    return [...this.#links.values()].sort(
      (a, b) => a.workflow.name.localeCompare(b.workflow.name) || a.nodeId.localeCompare(b.nodeId)
    )
  }
}

/** Merges entity or event uses of several graphs, keyed by name. */
function mergeUses<T extends { nodeIds: string[]; in: GraphSource[]; access: string[] }>(
  target: Map<string, T>,
  uses: DependencyUse[],
  access: T['access'][number],
  source: GraphSource,
  create: (name: string) => T
) {
  for (const use of uses) {
    const item = target.get(use.name) ?? create(use.name)
    if (!item.access.includes(access)) item.access.push(access)
    for (const id of use.nodeIds) if (!item.nodeIds.includes(id)) item.nodeIds.push(id)
    addSource(item.in, source)
    target.set(use.name, item)
  }
}

export function dependenciesOf(
  target: ScannedWorkflow,
  all: ScannedWorkflow[]
): WorkflowDependencies {
  const byId = new Map(all.map((item) => [item.ref.id, item.ref]))

  const callees = new CallLinks()
  for (const { source, deps } of target.graphs) {
    for (const call of deps.calls) {
      callees.add(
        byId.get(call.workflowId) ?? foreignWorkflow(call.workflowId, call.ownerTenantId),
        call,
        source
      )
    }
  }

  const callers = new CallLinks()
  for (const other of all) {
    for (const { source, deps } of other.graphs) {
      for (const call of deps.calls) {
        if (call.workflowId === target.ref.id) callers.add(other.ref, call, source)
      }
    }
  }

  const entities = new Map<string, EntityUse>()
  const events = new Map<string, EventUse>()
  const newEntity = (entity: string): EntityUse => ({
    entity,
    label: entityLabel(entity),
    access: [],
    nodeIds: [],
    in: [],
  })
  const newEvent = (event: string): EventUse => ({
    event,
    label: eventLabel(event),
    entity: entityOfEvent(event),
    access: [],
    nodeIds: [],
    in: [],
  })
  for (const { source, deps } of target.graphs) {
    mergeUses(entities, deps.reads, 'reads', source, newEntity)
    mergeUses(entities, deps.writes, 'writes', source, newEntity)
    mergeUses(events, deps.listens, 'listens', source, newEvent)
    mergeUses(events, deps.emits, 'emits', source, newEvent)
  }

  const listened = new Set(
    [...events.values()].filter((e) => e.access.includes('listens')).map((e) => e.event)
  )
  const emitted = new Set(
    [...events.values()].filter((e) => e.access.includes('emits')).map((e) => e.event)
  )
  const triggeredBy: EventLink[] = []
  const triggers: EventLink[] = []
  for (const other of all) {
    if (other.ref.id === target.ref.id) continue
    const active = other.graphs.find((graph) => graph.source === 'active')?.deps
    if (!active) continue
    for (const use of active.emits) {
      if (listened.has(use.name)) triggeredBy.push({ workflow: other.ref, event: use.name })
    }
    for (const use of active.listens) {
      if (emitted.has(use.name)) triggers.push({ workflow: other.ref, event: use.name })
    }
  }

  const byName =
    <T>(key: (item: T) => string) =>
    (a: T, b: T) =>
      key(a).localeCompare(key(b))
  return {
    workflow: target.ref,
    callers: callers.list(),
    callees: callees.list(),
    entities: [...entities.values()].sort(byName((e) => e.entity)),
    events: [...events.values()].sort(byName((e) => e.event)),
    triggeredBy,
    triggers,
  }
}
