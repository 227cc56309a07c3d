/**
 * How a workflow's automatic triggers (events, webhook, schedule) change when it is published or
 * archived. A trigger fires only while the workflow is active; publishing makes a draft or archived
 * workflow active and leaves a paused one paused; archiving stops everything.
 */
import type { GraphNode, WorkflowGraph } from '#workflows/engine/graph'
import { nodeRegistry } from '#workflows/nodes/registry'
import { nextScheduleRuns, type ScheduleConfig } from '#workflows/nodes/triggers/schedule'
import { canonicalJson } from '#workflows/services/workflow_service'
import type {
  ImpactAction,
  ImpactSchedule,
  ImpactTrigger,
  TriggerChange,
} from '#workflows/dependencies/types'

const NEXT_RUNS = 3

interface TriggerState {
  node: GraphNode
  kind: ImpactTrigger['kind']
  detail: string
}

function automaticTrigger(graph: WorkflowGraph | null, workflowId: number): TriggerState | null {
  for (const node of graph?.nodes ?? []) {
    const definition = nodeRegistry.get(node.type)
    const kind = definition?.trigger?.kind
    if (!definition || definition.category !== 'trigger') continue
    if (kind === 'event') {
      const events = definition.trigger?.events?.(node.config ?? {}) ?? []
      return { node, kind, detail: events.join(', ') }
    }
    if (kind === 'schedule') {
      const config = node.config as unknown as ScheduleConfig
      return { node, kind, detail: `${config.cron} (${config.timezone || 'UTC'})` }
    }
    if (kind === 'webhook') {
      return { node, kind, detail: `POST /api/v1/hooks/${workflowId}/…` }
    }
    return null
  }
  return null
}

function changeOf(firingBefore: boolean, firingAfter: boolean, sameConfig: boolean): TriggerChange {
  if (firingBefore && firingAfter) return sameConfig ? 'continues' : 'changes'
  if (firingBefore) return 'stops'
  if (firingAfter) return 'starts'
  return 'idle'
}

export function triggerChanges(options: {
  action: ImpactAction
  workflowId: number
  status: string
  activeGraph: WorkflowGraph | null
  /** The graph about to be published (publish only). */
  newGraph?: WorkflowGraph | null
}) {
  const { action, workflowId, status } = options
  const before = automaticTrigger(options.activeGraph, workflowId)
  const after = action === 'publish' ? automaticTrigger(options.newGraph ?? null, workflowId) : null
  const firingBefore = status === 'active' && options.activeGraph !== null
  const firingAfter = action === 'publish' && status !== 'paused'

  const items: Array<{ state: TriggerState; change: TriggerChange }> = []
  const same =
    before && after && before.node.id === after.node.id && before.node.type === after.node.type
  if (same) {
    const sameConfig = canonicalJson(before.node.config) === canonicalJson(after.node.config)
    items.push({ state: after, change: changeOf(firingBefore, firingAfter, sameConfig) })
  } else {
    if (before) items.push({ state: before, change: changeOf(firingBefore, false, true) })
    if (after) items.push({ state: after, change: changeOf(false, firingAfter, true) })
  }

  const triggers: ImpactTrigger[] = items.map(({ state, change }) => ({
    nodeId: state.node.id,
    type: state.node.type,
    label: state.node.name || nodeRegistry.get(state.node.type)?.label || state.node.type,
    kind: state.kind,
    detail: state.detail,
    change,
  }))
  const schedules: ImpactSchedule[] = items
    .filter(({ state }) => state.kind === 'schedule')
    .map(({ state, change }) => {
      const config = state.node.config as unknown as ScheduleConfig
      const shown = change !== 'idle'
      return {
        nodeId: state.node.id,
        cron: config.cron,
        timezone: config.timezone || 'UTC',
        nextRuns: shown
          ? nextScheduleRuns(config, NEXT_RUNS).map((date) => date.toISOString())
          : [],
        change,
      }
    })
  return { triggers, schedules }
}
