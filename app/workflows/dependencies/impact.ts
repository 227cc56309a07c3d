/**
 * Impact analysis before publishing or archiving a workflow: the callers and what happens to their
 * calls, this workflow's unfinished executions (they keep their version), the schedules and other
 * triggers that start, change or stop, and, for publish, callers whose parameter mapping or result
 * use no longer fits the new version.
 */
import db from '@adonisjs/lucid/services/db'
import type { WorkflowGraph } from '#workflows/engine/graph'
import { mappingWarnings } from '#workflows/dependencies/mapping_check'
import {
  scannedOrFail,
  scanTenantWorkflows,
  type ScannedWorkflow,
} from '#workflows/dependencies/tenant_scan'
import { triggerChanges } from '#workflows/dependencies/trigger_changes'
import type {
  CallerEffect,
  ImpactAction,
  ImpactCaller,
  ImpactExecutions,
  ImpactReport,
  ImpactWarning,
} from '#workflows/dependencies/types'

const UNFINISHED = ['queued', 'running', 'waiting'] as const
const RECENT_IDS = 5

export async function unfinishedExecutions(
  tenantId: number,
  workflowId: number
): Promise<ImpactExecutions> {
  const [counts, recent] = await Promise.all([
    db
      .from('executions')
      .where('tenant_id', tenantId)
      .where('workflow_id', workflowId)
      .whereIn('status', [...UNFINISHED])
      .groupBy('status')
      .select('status')
      .count('* as count'),
    db
      .from('executions')
      .where('tenant_id', tenantId)
      .where('workflow_id', workflowId)
      .whereIn('status', [...UNFINISHED])
      .orderBy('id', 'desc')
      .limit(RECENT_IDS)
      .select('id'),
  ])
  const by = new Map(counts.map((row) => [row.status as string, Number(row.count)]))
  const result = {
    queued: by.get('queued') ?? 0,
    running: by.get('running') ?? 0,
    waiting: by.get('waiting') ?? 0,
  }
  return {
    ...result,
    total: result.queued + result.running + result.waiting,
    recentIds: recent.map((row) => Number(row.id)),
  }
}

function effectOf(
  action: ImpactAction,
  pinned: number | null,
  batch: Set<number>,
  callerId: number
): CallerEffect {
  if (action === 'publish') return pinned === null ? 'uses_new_version' : 'keeps_pinned_version'
  return batch.has(callerId) ? 'also_archived' : 'calls_fail'
}

/** Callers that can run today: their active version calls the target, and they are not archived. */
function liveCallers(target: ScannedWorkflow, all: ScannedWorkflow[]) {
  return all.flatMap((other) => {
    if (other.ref.status === 'archived') return []
    const active = other.graphs.find((graph) => graph.source === 'active')
    if (!active) return []
    const calls = active.deps.calls.filter((call) => call.workflowId === target.ref.id)
    return calls.map((call) => ({ other, call }))
  })
}

function reportFor(
  target: ScannedWorkflow,
  all: ScannedWorkflow[],
  action: ImpactAction,
  executions: ImpactExecutions,
  options: { newGraph?: WorkflowGraph; batch?: Set<number> }
): ImpactReport {
  const batch = options.batch ?? new Set<number>()
  const callers: ImpactCaller[] = liveCallers(target, all).map(({ other, call }) => ({
    workflow: other.ref,
    nodeId: call.nodeId,
    nodeName: call.nodeName,
    pinnedVersion: call.version,
    mode: call.mode,
    effect: effectOf(action, call.version, batch, other.ref.id),
  }))

  const warnings: ImpactWarning[] = []
  if (action === 'publish' && options.newGraph) {
    const seen = new Set<string>()
    for (const other of all) {
      if (other.ref.id === target.ref.id || other.ref.status === 'archived') continue
      for (const { source, graph, deps } of other.graphs) {
        const calls = deps.calls.filter((call) => call.workflowId === target.ref.id)
        if (calls.length === 0) continue
        for (const warning of mappingWarnings(options.newGraph, {
          workflow: other.ref,
          source,
          graph,
          calls,
        })) {
          // The same mapping in the active version and the draft is one problem, said once.
          const key = `${warning.callerId}|${warning.nodeId}|${warning.code}|${warning.key}`
          if (seen.has(key)) continue
          seen.add(key)
          warnings.push(warning)
        }
      }
    }
  }
  if (action === 'archive') {
    for (const caller of callers) {
      if (caller.effect !== 'calls_fail') continue
      warnings.push({
        code: 'caller_breaks',
        callerId: caller.workflow.id,
        nodeId: caller.nodeId,
        message: `"${caller.workflow.name}" calls this workflow (node "${caller.nodeName}"); those calls will fail once it is archived`,
      })
    }
  }

  const { triggers, schedules } = triggerChanges({
    action,
    workflowId: target.ref.id,
    status: target.ref.status,
    activeGraph: target.activeGraph,
    newGraph: options.newGraph,
  })
  return { action, workflow: target.ref, callers, executions, schedules, triggers, warnings }
}

/** Impact of publishing `newGraph` (default: the saved draft) as the workflow's next version. */
export async function publishImpact(
  tenantId: number,
  workflowId: number,
  newGraph?: WorkflowGraph
): Promise<ImpactReport> {
  const all = await scanTenantWorkflows(tenantId)
  const target = scannedOrFail(all, workflowId)
  const executions = await unfinishedExecutions(tenantId, workflowId)
  return reportFor(target, all, 'publish', executions, {
    newGraph: newGraph ?? target.draftGraph,
  })
}

/**
 * Impact of archiving several workflows at once, one report per workflow (in the order asked).
 * A caller archived in the same batch is marked `also_archived` instead of breaking.
 */
export async function archiveImpact(
  tenantId: number,
  workflowIds: number[]
): Promise<ImpactReport[]> {
  const all = await scanTenantWorkflows(tenantId)
  const batch = new Set(workflowIds)
  const reports: ImpactReport[] = []
  for (const id of workflowIds) {
    const target = all.find((item) => item.ref.id === id)
    if (!target) continue
    const executions = await unfinishedExecutions(tenantId, id)
    reports.push(reportFor(target, all, 'archive', executions, { batch }))
  }
  return reports
}
