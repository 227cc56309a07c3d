/**
 * Interpreter step logic (C3): pure, synchronous, no I/O. The durable runtime drives it.
 *
 * Usage (runtime):
 *   const compiled = compileWorkflow(version.graph, nodeRegistry.publicList())  // cache per version
 *   const state = compiled.start({ input: execution.input, records: finishedAndInFlightSteps })
 *   for (const step of state.ready()) run it:           // step.key = `${nodeId}@${scopeKey}`
 *     ctx.expression = state.contextFor(step); ctx.input = step.input
 *     idempotencyKey = `${executionId}:${step.nodeId}:${step.scopeKey}`
 *     const advance = state.complete(step.nodeId, step.scopeKey, outcome)
 *     persist advance.record (+ advance.skipped if you want them visible), run advance.ready next
 *   state.outcome() → 'running' | 'succeeded' | 'failed' (state.failure() gives the failed step)
 *
 * Model
 * - Steps are identified by (nodeId, scopeKey). scopeKey is '' at the top level; inside loop
 *   iterations it is `loopId:index`, nested `outer:0/inner:3`.
 * - The trigger node is the first step; its input is the execution input.
 * - A finished step selects output ports: `port` undefined = every `main` output (normal nodes,
 *   parallel fan-out); a port id or a list of ids otherwise (condition true/false, switch case or
 *   `default`). Edges leaving unselected ports are "dead".
 * - A node with several incoming edges is a join: it waits until every incoming edge is settled
 *   (live or dead). It runs when at least one is live, else it is skipped, and a skip makes all its
 *   outgoing edges dead, so joins after untaken branches never wait forever.
 * - Input of a step: the output of its single live upstream step, or `{ [sourceNodeId]: output }`
 *   when several are live.
 * - A failed step (record it only once retries are exhausted) follows its `error` port edges with
 *   output `{ error, input }` when it has some; otherwise the execution is failed and no new step
 *   becomes ready.
 * - Loops: a loop node's output must be `{ items: unknown[] }`. Its body (everything reachable from
 *   its `loop_body` port) runs once per item, sequentially, in scope `loopId:i`, body entries
 *   getting `{ item, index, total }`. An iteration ends when every body node of that scope is
 *   settled. After the last one the loop's `main` outputs fire with `{ items, count, results }`
 *   where results[i] is the output sent into the loop's `loop_back` port in iteration i (or the
 *   last successful body step's output). More items than `config.maxIterations` (default 1000,
 *   hard cap 10000) fails the loop step with a validation error (see `advance.record`).
 * - Replay: `start({ records })` re-applies terminal records (succeeded/failed) in dependency
 *   order without executing anything; non-terminal records (running/waiting/pending) come back in
 *   `ready()` with `previous` set, so the runtime re-runs a crashed step with the same idempotency
 *   key or keeps waiting. Skipped steps are re-derived, never needed as input.
 * Cost: compile once per version (adjacency, ports, loop bodies); each completion touches only the
 * completed node's outgoing edges.
 */
import type { GraphNode, WorkflowGraph } from './graph.js'
import type { ExpressionContext, LoopFrame } from './context.js'
import { resolvePorts } from './ports.js'
import type { NodeErrorJson, PortKind, PublicNodeType } from '../nodes/types.js'

export type StepStatus =
  'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled'

export interface StepRecord {
  nodeId: string
  scopeKey: string
  status: StepStatus
  port?: string | string[] | null
  output?: unknown
  error?: NodeErrorJson | Record<string, unknown> | null
}

export type StepOutcome =
  | { status: 'succeeded'; output: unknown; port?: string | string[] | null }
  | { status: 'failed'; error: NodeErrorJson | Record<string, unknown> }

export interface ReadyStep {
  key: string
  nodeId: string
  scopeKey: string
  node: GraphNode
  type: PublicNodeType
  input: unknown
  /** The non-terminal record found at start (running → re-run, waiting → keep waiting). */
  previous?: StepRecord
}

export interface Advance {
  /** The completed step as the interpreter settled it (persist this one). */
  record: StepRecord
  ready: ReadyStep[]
  skipped: StepRecord[]
}

export type ExecutionOutcome = 'running' | 'succeeded' | 'failed'

export class InterpreterError extends Error {}

export const LOOP_HARD_CAP = 10_000
const TERMINAL = new Set<StepStatus>(['succeeded', 'failed'])

interface CompiledEdge {
  source: string
  sourcePort: string
  sourceKind: PortKind
  target: string
  targetKind: PortKind
}

interface CompiledNode {
  node: GraphNode
  type: PublicNodeType
  out: CompiledEdge[]
  mainOutputs: Set<string>
  /** Incoming edges that count for joins (all but loop_back). */
  inCount: number
  isLoop: boolean
  /** Loop only: body nodes in the loop's own iteration scope (not nested loop bodies). */
  bodySize: number
}

export function stepKey(nodeId: string, scopeKey: string): string {
  return `${nodeId}@${scopeKey}`
}

export class CompiledWorkflow {
  readonly nodes = new Map<string, CompiledNode>()
  readonly triggerId: string
  readonly variables: Record<string, unknown>

  constructor(graph: WorkflowGraph, nodeTypes: PublicNodeType[] | Map<string, PublicNodeType>) {
    const types =
      nodeTypes instanceof Map ? nodeTypes : new Map(nodeTypes.map((type) => [type.type, type]))
    this.variables = graph.variables ?? {}
    const kinds = new Map<
      string,
      { inputs: Map<string, PortKind>; outputs: Map<string, PortKind> }
    >()
    let trigger: string | undefined
    for (const node of graph.nodes) {
      const type = types.get(node.type)
      if (!type) throw new InterpreterError(`Unknown node type "${node.type}" (node ${node.id})`)
      const ports = resolvePorts(type, node.config)
      kinds.set(node.id, {
        inputs: new Map(ports.inputs.map((p) => [p.id, p.kind])),
        outputs: new Map(ports.outputs.map((p) => [p.id, p.kind])),
      })
      if (type.category === 'trigger') trigger = node.id
      this.nodes.set(node.id, {
        node,
        type,
        out: [],
        mainOutputs: new Set(ports.outputs.filter((p) => p.kind === 'main').map((p) => p.id)),
        inCount: 0,
        isLoop: ports.outputs.some((p) => p.kind === 'loop_body'),
        bodySize: 0,
      })
    }
    if (!trigger) throw new InterpreterError('The workflow has no trigger')
    this.triggerId = trigger
    for (const edge of graph.edges) {
      const source = this.nodes.get(edge.source)
      const target = this.nodes.get(edge.target)
      const sourceKind = kinds.get(edge.source)?.outputs.get(edge.sourcePort)
      const targetKind = kinds.get(edge.target)?.inputs.get(edge.targetPort)
      if (!source || !target || !sourceKind || !targetKind) {
        throw new InterpreterError(`Edge ${edge.id} connects missing nodes or ports`)
      }
      source.out.push({ ...edge, sourceKind, targetKind })
      if (targetKind !== 'loop_back') target.inCount++
    }
    for (const compiled of this.nodes.values()) {
      if (compiled.isLoop) compiled.bodySize = this.directBody(compiled).size
    }
  }

  /** Nodes reachable from the loop's body port without entering nested loop bodies. */
  directBody(loop: CompiledNode): Set<string> {
    const seen = new Set<string>()
    const stack = loop.out.filter((e) => e.sourceKind === 'loop_body').map((e) => e.target)
    while (stack.length) {
      const id = stack.pop()!
      if (seen.has(id) || id === loop.node.id) continue
      seen.add(id)
      for (const edge of this.nodes.get(id)!.out) {
        if (edge.sourceKind === 'loop_body' || edge.targetKind === 'loop_back') continue
        stack.push(edge.target)
      }
    }
    return seen
  }

  start(
    options: {
      input?: unknown
      records?: StepRecord[]
      execution?: ExpressionContext['execution']
    } = {}
  ) {
    return new ExecutionState(this, options)
  }
}

export function compileWorkflow(
  graph: WorkflowGraph,
  nodeTypes: PublicNodeType[] | Map<string, PublicNodeType>
): CompiledWorkflow {
  return new CompiledWorkflow(graph, nodeTypes)
}

interface LoopRun {
  loopId: string
  scopeKey: string
  items: unknown[]
  index: number
  remaining: number
  results: unknown[]
  lastOutput: unknown
  backOutput: unknown
  hasBack: boolean
}

interface Join {
  settled: number
  live: Array<{ source: string; output: unknown }>
}

export class ExecutionState {
  private readonly pending = new Map<string, ReadyStep>()
  private readonly settled = new Map<string, StepRecord>()
  private readonly joins = new Map<string, Join>()
  private readonly outputs = new Map<string, Record<string, unknown>>()
  private readonly loopRuns = new Map<string, LoopRun>()
  private readonly iterations = new Map<string, LoopRun>()
  private readonly previous = new Map<string, StepRecord>()
  private readonly vars: Record<string, unknown>
  private readonly execution?: ExpressionContext['execution']
  private failedRecord: StepRecord | null = null

  constructor(
    private readonly compiled: CompiledWorkflow,
    options: { input?: unknown; records?: StepRecord[]; execution?: ExpressionContext['execution'] }
  ) {
    this.vars = { ...compiled.variables }
    this.execution = options.execution
    const terminal = new Map<string, StepRecord>()
    for (const record of options.records ?? []) {
      const key = stepKey(record.nodeId, record.scopeKey)
      if (TERMINAL.has(record.status)) terminal.set(key, record)
      else if (record.status !== 'skipped') this.previous.set(key, record)
    }
    const first = this.makeReady(compiled.triggerId, '', options.input ?? {})
    const work = [first.key]
    while (work.length) {
      const key = work.pop()!
      const record = terminal.get(key)
      const step = this.pending.get(key)
      if (!record || !step) continue
      const outcome: StepOutcome =
        record.status === 'failed'
          ? { status: 'failed', error: (record.error ?? { message: 'failed' }) as NodeErrorJson }
          : { status: 'succeeded', output: record.output, port: record.port }
      for (const next of this.complete(step.nodeId, step.scopeKey, outcome).ready)
        work.push(next.key)
    }
  }

  /** Steps that can run now (including re-runs of in-flight records found at start). */
  ready(): ReadyStep[] {
    return [...this.pending.values()]
  }

  outcome(): ExecutionOutcome {
    if (this.failedRecord) return 'failed'
    return this.pending.size > 0 ? 'running' : 'succeeded'
  }

  /** The step whose unhandled failure failed the execution. */
  failure(): StepRecord | null {
    return this.failedRecord
  }

  /** Terminal step records known so far (replayed + completed + skipped). */
  records(): StepRecord[] {
    return [...this.settled.values()]
  }

  complete(nodeId: string, scopeKey: string, outcome: StepOutcome): Advance {
    const key = stepKey(nodeId, scopeKey)
    const step = this.pending.get(key)
    if (!step) throw new InterpreterError(`Step ${key} is not ready`)
    this.pending.delete(key)
    const compiled = this.compiled.nodes.get(nodeId)!
    let record: StepRecord =
      outcome.status === 'succeeded'
        ? {
            nodeId,
            scopeKey,
            status: 'succeeded',
            port: outcome.port ?? null,
            output: outcome.output,
          }
        : { nodeId, scopeKey, status: 'failed', error: outcome.error }
    if (record.status === 'succeeded' && compiled.isLoop) {
      const guardError = this.loopGuard(compiled, record.output)
      if (guardError) record = { nodeId, scopeKey, status: 'failed', error: guardError }
    }
    this.settled.set(key, record)
    const advance: Advance = { record, ready: [], skipped: [] }
    if (record.status === 'succeeded') this.succeed(compiled, scopeKey, record, advance)
    else this.fail(compiled, scopeKey, record, step, advance)
    return advance
  }

  /** Expression context for a step (see engine/context.ts). */
  contextFor(step: { nodeId: string; scopeKey: string }): ExpressionContext {
    const steps: Record<string, unknown> = {}
    const loops: Record<string, LoopFrame> = {}
    let loop: LoopFrame | undefined
    Object.assign(steps, this.outputs.get(''))
    if (step.scopeKey) {
      const segments = step.scopeKey.split('/')
      for (let i = 0; i < segments.length; i++) {
        const scope = segments.slice(0, i + 1).join('/')
        Object.assign(steps, this.outputs.get(scope))
        const run = this.iterations.get(scope)
        if (run) {
          loop = { item: run.items[run.index], index: run.index, total: run.items.length }
          loops[run.loopId] = loop
        }
      }
    }
    const trigger = this.outputs.get('')?.[this.compiled.triggerId] ?? null
    const context: ExpressionContext = { trigger, steps, vars: { ...this.vars } }
    if (loop) {
      context.loop = loop
      context.loops = loops
    }
    if (this.execution) context.execution = this.execution
    const alias = entityAlias(trigger)
    if (alias && !(alias.name in context)) context[alias.name] = alias.entity
    return context
  }

  private succeed(compiled: CompiledNode, scopeKey: string, record: StepRecord, advance: Advance) {
    const nodeId = compiled.node.id
    this.setOutput(scopeKey, nodeId, record.output)
    if (compiled.isLoop) {
      const items = (record.output as { items: unknown[] }).items
      const run: LoopRun = {
        loopId: nodeId,
        scopeKey,
        items,
        index: 0,
        remaining: 0,
        results: [],
        lastOutput: undefined,
        backOutput: undefined,
        hasBack: false,
      }
      this.loopRuns.set(stepKey(nodeId, scopeKey), run)
      if (items.length === 0) this.finishLoop(compiled, run, advance)
      else this.startIteration(compiled, run, advance)
      return
    }
    if (compiled.type.setsVariables && record.output && typeof record.output === 'object') {
      Object.assign(this.vars, record.output)
    }
    const selected =
      record.port === null || record.port === undefined
        ? compiled.mainOutputs
        : new Set(Array.isArray(record.port) ? record.port : [record.port])
    for (const edge of compiled.out) {
      this.deliver(edge, scopeKey, selected.has(edge.sourcePort), record.output, advance)
    }
    this.noteBodyOutput(scopeKey, record.output)
    this.noteSettled(scopeKey, advance)
  }

  private fail(
    compiled: CompiledNode,
    scopeKey: string,
    record: StepRecord,
    step: ReadyStep,
    advance: Advance
  ) {
    const errorEdges = compiled.out.filter((edge) => edge.sourceKind === 'error')
    if (errorEdges.length === 0 || this.failedRecord) {
      this.failedRecord ??= record
      return
    }
    const output = { error: record.error, input: step.input }
    for (const edge of compiled.out) {
      if (edge.sourceKind === 'loop_body') continue
      this.deliver(edge, scopeKey, edge.sourceKind === 'error', output, advance)
    }
    this.noteSettled(scopeKey, advance)
  }

  private skip(compiled: CompiledNode, scopeKey: string, advance: Advance) {
    const record: StepRecord = { nodeId: compiled.node.id, scopeKey, status: 'skipped' }
    this.settled.set(stepKey(compiled.node.id, scopeKey), record)
    advance.skipped.push(record)
    for (const edge of compiled.out) {
      if (edge.sourceKind === 'loop_body') continue
      this.deliver(edge, scopeKey, false, undefined, advance)
    }
    this.noteSettled(scopeKey, advance)
  }

  private deliver(
    edge: CompiledEdge,
    scopeKey: string,
    live: boolean,
    output: unknown,
    advance: Advance
  ) {
    if (this.failedRecord) return
    if (edge.targetKind === 'loop_back') {
      const run = this.iterations.get(scopeKey)
      if (live && run && run.loopId === edge.target) {
        run.backOutput = output
        run.hasBack = true
      }
      return
    }
    const target = this.compiled.nodes.get(edge.target)!
    const key = stepKey(edge.target, scopeKey)
    const join = this.joins.get(key) ?? { settled: 0, live: [] }
    join.settled++
    if (live) join.live.push({ source: edge.source, output })
    if (join.settled < target.inCount) {
      this.joins.set(key, join)
      return
    }
    this.joins.delete(key)
    if (join.live.length === 0) return this.skip(target, scopeKey, advance)
    const input =
      join.live.length === 1
        ? join.live[0].output
        : Object.fromEntries(join.live.map((entry) => [entry.source, entry.output]))
    advance.ready.push(this.makeReady(edge.target, scopeKey, input))
  }

  private makeReady(nodeId: string, scopeKey: string, input: unknown) {
    const compiled = this.compiled.nodes.get(nodeId)!
    const key = stepKey(nodeId, scopeKey)
    const step: ReadyStep = {
      key,
      nodeId,
      scopeKey,
      node: compiled.node,
      type: compiled.type,
      input,
      ...(this.previous.has(key) ? { previous: this.previous.get(key) } : {}),
    }
    this.pending.set(key, step)
    return step
  }

  private startIteration(loop: CompiledNode, run: LoopRun, advance: Advance) {
    const scope = run.scopeKey
      ? `${run.scopeKey}/${run.loopId}:${run.index}`
      : `${run.loopId}:${run.index}`
    run.remaining = loop.bodySize
    run.lastOutput = undefined
    run.backOutput = undefined
    run.hasBack = false
    this.iterations.set(scope, run)
    const frame = { item: run.items[run.index], index: run.index, total: run.items.length }
    if (loop.bodySize === 0) return this.finishIteration(loop, run, advance)
    for (const edge of loop.out) {
      if (edge.sourceKind === 'loop_body') this.deliver(edge, scope, true, frame, advance)
    }
  }

  private finishIteration(loop: CompiledNode, run: LoopRun, advance: Advance) {
    run.results.push(run.hasBack ? run.backOutput : run.lastOutput)
    run.index++
    if (run.index < run.items.length) this.startIteration(loop, run, advance)
    else this.finishLoop(loop, run, advance)
  }

  private finishLoop(loop: CompiledNode, run: LoopRun, advance: Advance) {
    const output = { items: run.items, count: run.items.length, results: run.results }
    this.setOutput(run.scopeKey, run.loopId, output)
    for (const edge of loop.out) {
      if (edge.sourceKind === 'loop_body') continue
      this.deliver(edge, run.scopeKey, edge.sourceKind === 'main', output, advance)
    }
    this.noteBodyOutput(run.scopeKey, output)
    this.noteSettled(run.scopeKey, advance)
  }

  private noteBodyOutput(scopeKey: string, output: unknown) {
    const run = scopeKey ? this.iterations.get(scopeKey) : undefined
    if (run) run.lastOutput = output
  }

  /** A node of `scopeKey` is settled: maybe that ends the current loop iteration. */
  private noteSettled(scopeKey: string, advance: Advance) {
    if (!scopeKey || this.failedRecord) return
    const run = this.iterations.get(scopeKey)
    if (!run) return
    run.remaining--
    if (run.remaining === 0) {
      this.finishIteration(this.compiled.nodes.get(run.loopId)!, run, advance)
    }
  }

  private loopGuard(loop: CompiledNode, output: unknown): NodeErrorJson | null {
    const items = (output as { items?: unknown } | null)?.items
    if (!Array.isArray(items)) {
      return {
        name: 'NodeError',
        category: 'validation',
        code: 'loop_items',
        message: 'The loop did not produce a list of items',
      }
    }
    const configured = Number(loop.node.config.maxIterations ?? 1000)
    const max = Math.min(
      Number.isFinite(configured) && configured > 0 ? configured : 1000,
      LOOP_HARD_CAP
    )
    if (items.length > max) {
      return {
        name: 'NodeError',
        category: 'validation',
        code: 'loop_guard',
        message: `The list has ${items.length} items, more than the maximum of ${max} iterations`,
      }
    }
    return null
  }

  private setOutput(scopeKey: string, nodeId: string, output: unknown) {
    let map = this.outputs.get(scopeKey)
    if (!map) this.outputs.set(scopeKey, (map = {}))
    map[nodeId] = output
  }
}

const RESERVED = new Set(['trigger', 'steps', 'vars', 'loop', 'loops', 'execution'])

/** `{ entityType: 'invoice', entity: {...} }` → exposes `invoice` in expressions. */
export function entityAlias(trigger: unknown): { name: string; entity: unknown } | null {
  if (!trigger || typeof trigger !== 'object') return null
  const { entityType, entity } = trigger as { entityType?: unknown; entity?: unknown }
  if (typeof entityType !== 'string' || !/^[a-z][a-z0-9_]*$/.test(entityType)) return null
  if (RESERVED.has(entityType) || entity === undefined) return null
  return { name: entityType, entity }
}
