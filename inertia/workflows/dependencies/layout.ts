/**
 * Lays out one workflow's dependencies for the Vue Flow canvas: the workflow in the centre,
 * callers in a column on the left, callees on the right, entities in a row above (reads point
 * down into the workflow, writes up out of it) and events in a row below (listened to point up,
 * caused point down). Deterministic, so the picture does not jump between visits.
 */
import type { WorkflowDependencies } from '#workflows/dependencies/types'

export type DependencyNodeKind = 'self' | 'caller' | 'callee' | 'entity' | 'event'

export type DependencyNodeData = {
  kind: DependencyNodeKind
  label: string
  detail: string
  workflowId?: number
  status?: string
}

export type FlowNode = {
  id: string
  type: 'dependency'
  position: { x: number; y: number }
  data: DependencyNodeData
  draggable: boolean
  connectable: boolean
}

export type FlowEdge = {
  id: string
  source: string
  target: string
  sourceHandle: string
  targetHandle: string
  label: string
  type: 'smoothstep'
  class: string
}

/** Called ids outside this workspace have no page here. */
const FOREIGN = new Set(['missing', 'shared'])

/** Whether clicking the box opens another workflow's dependencies. */
export function isLink(data: DependencyNodeData) {
  return data.kind !== 'self' && data.workflowId !== undefined && !FOREIGN.has(data.status ?? '')
}

const COLUMN_GAP = 380
const ROW_GAP = 96
const ENTITY_ROW = -190
const EVENT_ROW = 210
const ENTITY_SPACING = 210
const EVENT_SPACING = 230

/** Offsets centred on 0: 3 items → -1, 0, 1 times the spacing. */
function spread(count: number, spacing: number) {
  return Array.from({ length: count }, (_, i) => (i - (count - 1) / 2) * spacing)
}

function versionText(pinned: number | null) {
  return pinned === null ? 'latest version' : `pinned v${pinned}`
}

export function layoutDependencies(deps: WorkflowDependencies) {
  const nodes: FlowNode[] = []
  const edges: FlowEdge[] = []
  const node = (id: string, position: { x: number; y: number }, data: DependencyNodeData) =>
    nodes.push({ id, type: 'dependency', position, data, draggable: false, connectable: false })

  node(
    'self',
    { x: 0, y: 0 },
    {
      kind: 'self',
      label: deps.workflow.name,
      detail: deps.workflow.activeVersion
        ? `v${deps.workflow.activeVersion} · ${deps.workflow.status}`
        : deps.workflow.status,
      workflowId: deps.workflow.id,
      status: deps.workflow.status,
    }
  )

  // One box per workflow; several calling nodes become one edge label.
  const column = (links: WorkflowDependencies['callers'], side: 'caller' | 'callee') => {
    const byWorkflow = new Map<number, typeof links>()
    for (const link of links)
      byWorkflow.set(link.workflow.id, [...(byWorkflow.get(link.workflow.id) ?? []), link])
    const groups = [...byWorkflow.values()]
    const ys = spread(groups.length, ROW_GAP)
    groups.forEach((group, i) => {
      const workflow = group[0].workflow
      const id = `${side}:${workflow.id}`
      node(
        id,
        { x: side === 'caller' ? -COLUMN_GAP : COLUMN_GAP, y: ys[i] },
        {
          kind: side,
          label: workflow.name,
          detail: workflow.status,
          workflowId: workflow.id,
          status: workflow.status,
        }
      )
      const pins = [...new Set(group.map((link) => versionText(link.pinnedVersion)))].join(', ')
      edges.push({
        id: `calls:${id}`,
        source: side === 'caller' ? id : 'self',
        target: side === 'caller' ? 'self' : id,
        sourceHandle: 'right',
        targetHandle: 'left',
        label: `calls (${pins})`,
        type: 'smoothstep',
        class: `dep-edge dep-edge--calls${group.every((link) => !link.in.includes('active')) ? ' dep-edge--draft' : ''}`,
      })
    })
  }
  column(deps.callers, 'caller')
  column(deps.callees, 'callee')

  const entityXs = spread(deps.entities.length, ENTITY_SPACING)
  deps.entities.forEach((entity, i) => {
    const id = `entity:${entity.entity}`
    node(
      id,
      { x: entityXs[i], y: ENTITY_ROW },
      { kind: 'entity', label: entity.label, detail: entity.access.join(' + ') }
    )
    const draft = entity.in.includes('active') ? '' : ' dep-edge--draft'
    if (entity.access.includes('reads')) {
      edges.push({
        id: `reads:${id}`,
        source: id,
        target: 'self',
        sourceHandle: 'bottom',
        targetHandle: 'top',
        label: 'reads',
        type: 'smoothstep',
        class: `dep-edge dep-edge--reads${draft}`,
      })
    }
    if (entity.access.includes('writes')) {
      edges.push({
        id: `writes:${id}`,
        source: 'self',
        target: id,
        sourceHandle: 'top',
        targetHandle: 'bottom',
        label: 'writes',
        type: 'smoothstep',
        class: `dep-edge dep-edge--writes${draft}`,
      })
    }
  })

  const eventXs = spread(deps.events.length, EVENT_SPACING)
  deps.events.forEach((event, i) => {
    const id = `event:${event.event}`
    node(
      id,
      { x: eventXs[i], y: EVENT_ROW },
      { kind: 'event', label: event.label, detail: event.event }
    )
    const draft = event.in.includes('active') ? '' : ' dep-edge--draft'
    if (event.access.includes('listens')) {
      edges.push({
        id: `listens:${id}`,
        source: id,
        target: 'self',
        sourceHandle: 'top',
        targetHandle: 'bottom',
        label: 'starts / resumes',
        type: 'smoothstep',
        class: `dep-edge dep-edge--listens${draft}`,
      })
    }
    if (event.access.includes('emits')) {
      edges.push({
        id: `emits:${id}`,
        source: 'self',
        target: id,
        sourceHandle: 'bottom',
        targetHandle: 'top',
        label: 'causes',
        type: 'smoothstep',
        class: `dep-edge dep-edge--emits${draft}`,
      })
    }
  })
  // Every side of a node has a source handle `<side>-out` and a target handle `<side>-in`.
  return {
    nodes,
    edges: edges.map((edge) => ({
      ...edge,
      sourceHandle: `${edge.sourceHandle}-out`,
      targetHandle: `${edge.targetHandle}-in`,
    })),
  }
}
