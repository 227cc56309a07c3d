/**
 * The mutable state of one execution for the interpreter (see interpreter.ts): pending steps,
 * join counters, per-scope outputs, loop runs. Pure and synchronous.
 */
import type { GraphNode } from './graph.js'
import type { ExpressionContext, LoopFrame } from './context.js'
import type { NodeErrorJson, PublicNodeType } from '../nodes/types.js'
import {
  InterpreterError,
  LOOP_HARD_CAP,
  entityAlias,
  stepKey,
  type CompiledEdge,
  type CompiledGraph,
  type CompiledNode,
} from './compiled_graph.js'
import { TryScopes } from '../reliability/try_scopes.js'

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

const TERMINAL = new Set<StepStatus>(['succeeded', 'failed'])

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
  /** Try/catch/finally scopes (reliability/try_scopes.ts). */
  private readonly tries: TryScopes<Advance>

  constructor(
    private readonly compiled: CompiledGraph,
    options: { input?: unknown; records?: StepRecord[]; execution?: ExpressionContext['execution'] }
  ) {
    this.vars = { ...compiled.variables }
    this.tries = new TryScopes<Advance>(compiled, {
      deliver: (edge, scope, live, output, advance) =>
        this.deliver(edge, scope, live, output, advance),
      setOutput: (scope, nodeId, output) => this.setOutput(scope, nodeId, output),
    })
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
    if (this.tries.start(compiled, scopeKey, record.output, advance)) {
      this.noteBodyOutput(scopeKey, record.output)
      return this.noteSettled(scopeKey, advance, nodeId)
    }
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
    this.noteSettled(scopeKey, advance, nodeId)
  }

  private fail(
    compiled: CompiledNode,
    scopeKey: string,
    record: StepRecord,
    step: ReadyStep,
    advance: Advance
  ) {
    const errorEdges = compiled.out.filter((edge) => edge.sourceKind === 'error')
    if (
      errorEdges.length === 0 &&
      !this.failedRecord &&
      this.tries.catchFailure(compiled, scopeKey, record.error, advance)
    ) {
      return this.noteSettled(scopeKey, advance, compiled.node.id)
    }
    if (errorEdges.length === 0 || this.failedRecord) {
      this.failedRecord ??= record
      return
    }
    const output = { error: record.error, input: step.input }
    // Expressions on the error branch read it as steps.<nodeId>.error.
    this.setOutput(scopeKey, compiled.node.id, output)
    for (const edge of compiled.out) {
      if (edge.sourceKind === 'loop_body') continue
      this.deliver(edge, scopeKey, edge.sourceKind === 'error', output, advance)
    }
    this.noteSettled(scopeKey, advance, compiled.node.id)
  }

  private skip(compiled: CompiledNode, scopeKey: string, advance: Advance) {
    const record: StepRecord = { nodeId: compiled.node.id, scopeKey, status: 'skipped' }
    this.settled.set(stepKey(compiled.node.id, scopeKey), record)
    advance.skipped.push(record)
    for (const edge of compiled.out) {
      if (edge.sourceKind === 'loop_body') continue
      this.deliver(edge, scopeKey, false, undefined, advance)
    }
    this.noteSettled(scopeKey, advance, compiled.node.id)
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
    this.noteSettled(run.scopeKey, advance, run.loopId)
  }

  private noteBodyOutput(scopeKey: string, output: unknown) {
    const run = scopeKey ? this.iterations.get(scopeKey) : undefined
    if (run) run.lastOutput = output
  }

  /** A node of `scopeKey` is settled: maybe that ends the current loop iteration. */
  private noteSettled(scopeKey: string, advance: Advance, nodeId: string) {
    if (!this.failedRecord) this.tries.settled(nodeId, scopeKey, advance)
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
