/**
 * What the execution viewer derives from the recorded steps: each node's state on the canvas,
 * the edges on the path actually taken, loop iteration counts and the timeline rows. Pure
 * functions (unit-tested in tests/unit/workflows/monitor), shared by the canvas and the timeline (browser code imports this file).
 */
import type { GraphView as WorkflowGraph, NodeMetaView } from './view_types.js'

export type NodeRunStatus =
  'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled'

export interface RunStep {
  id: number
  nodeId: string
  nodeType: string
  scopeKey: string
  status: string
  attempt: number
  seq: number
  port: string | null
  startedAt: string | null
  finishedAt: string | null
  durationMs: number | null
  errorCategory: string | null
  errorMessage: string | null
}

export interface NodeRunState {
  status: NodeRunStatus
  /** Steps recorded for the node (one per scope: loop iteration / branch). */
  runs: number
  /** Distinct loop iterations the node ran in (0 outside loops). */
  iterations: number
  /** Highest attempt number: > 1 means it was retried. */
  attempts: number
  totalMs: number
  lastStepId: number | null
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled'])

/** Precedence when a node ran in several scopes: what is happening now matters most. */
const PRECEDENCE: NodeRunStatus[] = [
  'running',
  'waiting',
  'failed',
  'cancelled',
  'succeeded',
  'skipped',
  'pending',
]

function normalise(status: string): NodeRunStatus {
  return (PRECEDENCE as string[]).includes(status) ? (status as NodeRunStatus) : 'pending'
}

/**
 * State per node. Nodes without a step are `pending` while the execution runs and `skipped`
 * once it finished (the path did not reach them).
 */
export function nodeStates(
  graph: WorkflowGraph,
  steps: RunStep[],
  executionStatus: string
): Map<string, NodeRunState> {
  const states = new Map<string, NodeRunState>()
  const scopes = new Map<string, Set<string>>()
  for (const step of steps) {
    const current = states.get(step.nodeId)
    const status = normalise(step.status)
    const state: NodeRunState = current ?? {
      status,
      runs: 0,
      iterations: 0,
      attempts: 0,
      totalMs: 0,
      lastStepId: null,
    }
    if (current && PRECEDENCE.indexOf(status) < PRECEDENCE.indexOf(current.status)) {
      state.status = status
    }
    state.runs += 1
    state.attempts = Math.max(state.attempts, step.attempt)
    state.totalMs += step.durationMs ?? 0
    state.lastStepId = step.id
    if (step.scopeKey) {
      const set = scopes.get(step.nodeId) ?? new Set()
      set.add(step.scopeKey)
      scopes.set(step.nodeId, set)
      state.iterations = set.size
    }
    states.set(step.nodeId, state)
  }
  const finished = FINISHED.has(executionStatus)
  for (const node of graph.nodes) {
    if (states.has(node.id)) continue
    states.set(node.id, {
      status: finished ? 'skipped' : 'pending',
      runs: 0,
      iterations: 0,
      attempts: 0,
      totalMs: 0,
      lastStepId: null,
    })
  }
  return states
}

/** Output ports a finished step selected: null = every port (no explicit choice). */
function selectedPorts(port: string | null): Set<string> | null {
  if (port === null || port === '') return null
  if (port.startsWith('[')) {
    try {
      const list = JSON.parse(port)
      if (Array.isArray(list)) return new Set(list.map(String))
    } catch {}
  }
  return new Set(port.split(','))
}

/**
 * Edges on the path taken: the source step selected the edge's port (succeeded; or failed and the
 * edge leaves its error port) and the target node has run.
 */
export function takenEdges(graph: WorkflowGraph, steps: RunStep[]): Set<string> {
  const bySource = new Map<string, RunStep[]>()
  const ran = new Set<string>()
  for (const step of steps) {
    if (step.status !== 'skipped') ran.add(step.nodeId)
    const list = bySource.get(step.nodeId) ?? []
    list.push(step)
    bySource.set(step.nodeId, list)
  }
  const taken = new Set<string>()
  for (const edge of graph.edges) {
    if (!ran.has(edge.target)) continue
    const sourceSteps = bySource.get(edge.source) ?? []
    const live = sourceSteps.some((step) => {
      if (step.status === 'failed') return edge.sourcePort === 'error'
      if (step.status !== 'succeeded') return false
      const ports = selectedPorts(step.port)
      return edge.sourcePort !== 'error' && (ports === null || ports.has(edge.sourcePort))
    })
    if (live) taken.add(edge.id)
  }
  return taken
}

export interface TimelineRow {
  step: RunStep
  nodeName: string
  /** ms from the execution start to the step start. */
  offsetMs: number
  durationMs: number
  /** Nesting depth: loop iterations plus the try/catch and parallel branches around the node. */
  depth: number
  /** "Each invoice #3 › Safe call › Catch" style label of where the step ran, '' at top level. */
  scopeLabel: string
}

/** Node types whose output ports open branches that run in the same scope key. */
const BRANCHING_TYPES = new Set(['try_catch', 'parallel'])

/**
 * For each node, the try/catch and parallel branches it sits in ("Safe call › Catch"): a node is
 * in the branch of port P of such a node when it is reachable from P and from no other of its
 * ports (nodes after a join belong to no branch). Outer branches come first.
 */
export function branchLabels(
  graph: WorkflowGraph,
  meta: { [nodeId: string]: NodeMetaView } = {}
): Map<string, string[]> {
  const next = new Map<string, Array<{ port: string; target: string }>>()
  for (const edge of graph.edges) {
    const list = next.get(edge.source) ?? []
    list.push({ port: edge.sourcePort, target: edge.target })
    next.set(edge.source, list)
  }
  const reach = (from: string[], stop: string) => {
    const seen = new Set<string>()
    const queue = [...from]
    while (queue.length) {
      const id = queue.pop()!
      if (id === stop || seen.has(id)) continue
      seen.add(id)
      for (const out of next.get(id) ?? []) queue.push(out.target)
    }
    return seen
  }
  const labels = new Map<string, Array<{ size: number; label: string }>>()
  for (const opener of graph.nodes.filter((n) => BRANCHING_TYPES.has(n.type))) {
    const byPort = new Map<string, string[]>()
    for (const out of next.get(opener.id) ?? []) {
      byPort.set(out.port, [...(byPort.get(out.port) ?? []), out.target])
    }
    const reached = [...byPort].map(([port, targets]) => ({
      port,
      nodes: reach(targets, opener.id),
    }))
    for (const { port, nodes } of reached) {
      const portLabel = meta[opener.id]?.outputs.find((p) => p.id === port)?.label ?? port
      for (const id of nodes) {
        if (reached.some((other) => other.port !== port && other.nodes.has(id))) continue
        const list = labels.get(id) ?? []
        // Bigger branches enclose smaller ones: sort outer first.
        list.push({ size: nodes.size, label: `${opener.name} › ${portLabel}` })
        labels.set(id, list)
      }
    }
  }
  return new Map(
    [...labels].map(([id, list]) => [id, list.sort((a, b) => b.size - a.size).map((l) => l.label)])
  )
}

/** Steps in execution order with their offset and duration relative to the execution start. */
export function timelineRows(
  graph: WorkflowGraph,
  steps: RunStep[],
  executionStartedAt: string | null,
  now: number = Date.now(),
  meta: { [nodeId: string]: NodeMetaView } = {}
): { rows: TimelineRow[]; totalMs: number } {
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]))
  const branches = branchLabels(graph, meta)
  const starts = steps.map((s) => (s.startedAt ? Date.parse(s.startedAt) : Number.NaN))
  const origin = executionStartedAt
    ? Date.parse(executionStartedAt)
    : Math.min(...starts.filter((t) => !Number.isNaN(t)), now)
  const ordered = steps
    .map((step, index) => ({ step, start: starts[index] }))
    .sort(
      (a, b) => (a.start || 0) - (b.start || 0) || a.step.seq - b.step.seq || a.step.id - b.step.id
    )
  let totalMs = 0
  const rows = ordered.map(({ step, start }) => {
    const offsetMs = Number.isNaN(start) ? 0 : Math.max(0, start - origin)
    const durationMs =
      step.durationMs ??
      (step.finishedAt
        ? Date.parse(step.finishedAt) - start
        : Number.isNaN(start)
          ? 0
          : Math.max(0, now - start))
    totalMs = Math.max(totalMs, offsetMs + durationMs)
    const inBranches = branches.get(step.nodeId) ?? []
    const loops = scopeLabel(step.scopeKey, names)
    return {
      step,
      nodeName: names.get(step.nodeId) ?? step.nodeId,
      offsetMs,
      durationMs,
      depth: (step.scopeKey ? step.scopeKey.split('/').length : 0) + inBranches.length,
      scopeLabel: [loops, ...inBranches].filter(Boolean).join(' › '),
    }
  })
  return { rows, totalMs }
}

/** `loop1:2/inner:0` → "Loop A #3 › Inner #1" (iterations shown 1-based). */
export function scopeLabel(scopeKey: string, names: Map<string, string>): string {
  if (!scopeKey) return ''
  return scopeKey
    .split('/')
    .map((segment) => {
      const at = segment.lastIndexOf(':')
      if (at < 0) return names.get(segment) ?? segment
      const owner = segment.slice(0, at)
      const index = Number(segment.slice(at + 1))
      const label = names.get(owner) ?? owner
      return Number.isInteger(index)
        ? `${label} #${index + 1}`
        : `${label} ${segment.slice(at + 1)}`
    })
    .join(' › ')
}

/** 1234 → "1.23 s", 75 → "75 ms", 125000 → "2 min 5 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
  const minutes = Math.floor(ms / 60_000)
  const seconds = Math.round((ms % 60_000) / 1000)
  if (minutes < 60) return `${minutes} min ${seconds} s`
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

export const STATUS_SEVERITY: Record<string, string> = {
  queued: 'secondary',
  pending: 'secondary',
  running: 'info',
  waiting: 'warn',
  succeeded: 'success',
  failed: 'danger',
  cancelled: 'contrast',
  skipped: 'secondary',
}
