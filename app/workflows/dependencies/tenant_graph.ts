/**
 * The tenant-wide dependency graph (GET /api/v1/dependencies): every workflow, the entities and
 * events they touch, and edges caller → callee (calls), entity → workflow (reads), workflow →
 * entity (writes), event → workflow (listens), workflow → event (emits). Each edge says whether it
 * comes from the active version, the draft, or both.
 */
import { foreignWorkflow, type ScannedWorkflow } from '#workflows/dependencies/tenant_scan'
import { entityLabel, eventLabel } from '#workflows/dependencies/workflow_dependencies'
import type {
  DependencyEdgeKind,
  DependencyGraph,
  GraphSource,
  WorkflowRef,
} from '#workflows/dependencies/types'

type GraphNodeView = DependencyGraph['nodes'][number]
type GraphEdgeView = DependencyGraph['edges'][number]

export function tenantDependencyGraph(all: ScannedWorkflow[]): DependencyGraph {
  const nodes = new Map<string, GraphNodeView>()
  const edges = new Map<string, GraphEdgeView>()

  const workflowNode = (ref: WorkflowRef) => {
    const id = `workflow:${ref.id}`
    if (!nodes.has(id)) {
      nodes.set(id, {
        id,
        kind: 'workflow',
        label: ref.name,
        workflowId: ref.id,
        status: ref.status,
      })
    }
    return id
  }
  const entityNode = (name: string) => {
    const id = `entity:${name}`
    if (!nodes.has(id)) nodes.set(id, { id, kind: 'entity', label: entityLabel(name) })
    return id
  }
  const eventNode = (type: string) => {
    const id = `event:${type}`
    if (!nodes.has(id)) nodes.set(id, { id, kind: 'event', label: eventLabel(type) })
    return id
  }
  const addEdge = (
    source: string,
    target: string,
    kind: DependencyEdgeKind,
    from: GraphSource,
    pinnedVersion?: number | null
  ) => {
    const id = `${kind}:${source}->${target}${pinnedVersion === undefined ? '' : `@${pinnedVersion ?? 'latest'}`}`
    const edge = edges.get(id) ?? {
      id,
      source,
      target,
      kind,
      in: [],
      ...(pinnedVersion === undefined ? {} : { pinnedVersion }),
    }
    if (!edge.in.includes(from)) edge.in.push(from)
    edges.set(id, edge)
  }

  const byId = new Map(all.map((item) => [item.ref.id, item.ref]))
  for (const item of all) {
    const self = workflowNode(item.ref)
    for (const { source, deps } of item.graphs) {
      for (const call of deps.calls) {
        const callee = workflowNode(
          byId.get(call.workflowId) ?? foreignWorkflow(call.workflowId, call.ownerTenantId)
        )
        addEdge(self, callee, 'calls', source, call.version)
      }
      for (const use of deps.reads) addEdge(entityNode(use.name), self, 'reads', source)
      for (const use of deps.writes) addEdge(self, entityNode(use.name), 'writes', source)
      for (const use of deps.listens) addEdge(eventNode(use.name), self, 'listens', source)
      for (const use of deps.emits) addEdge(self, eventNode(use.name), 'emits', source)
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] }
}
