/**
 * Try / catch / finally scopes for the interpreter (pure, synchronous; runs wherever the engine
 * runs). ExecutionState calls three hooks:
 *   start(node, scope, record, advance)    a try_catch node succeeded: open its scope
 *   catchFailure(node, scope, record, …)   an unhandled failure: does an open try scope take it?
 *   settled(nodeId, scope, advance)        a node settled: maybe a scope (try or catch) is done
 *
 * Regions (computed once per compiled version):
 *   try body   = nodes reachable from the `try` port, minus those reachable from catch/finally
 *   catch body = nodes reachable from the `catch` port, minus those reachable from finally
 * Reachability stays in the try node's own scope (nested loop bodies are not entered).
 *
 * A run of a scope counts down its body as nodes settle. When the try body is done:
 *   no failure → catch edges are dead (catch body skipped), finally edges fire with
 *                `{ input, error: null, ok: true }`;
 *   a failure  → the failed step's downstream in the body was skipped, catch edges fire with
 *                `{ input, error }`, and `steps.<tryId>` becomes `{ input, error }` so
 *                expressions see the error; finally fires after the catch body is done.
 * With nothing connected to catch, an error in the scope is swallowed (finally still runs).
 * Limits: failures inside a loop body nested in the scope are not caught (they run in another
 * scope key), and a failure in a catch body is not caught by the same try (it goes to an
 * enclosing try scope, or fails the execution).
 */
import type { CompiledEdge, CompiledGraph, CompiledNode } from '../engine/compiled_graph.js'

/** The try_catch node type (nodes/control/try_catch.ts re-exports it; kept here so the
 * interpreter does not import node definitions). */
export const TRY_CATCH_TYPE = 'try_catch'

interface Region {
  tryId: string
  tryBody: Set<string>
  catchBody: Set<string>
  edges: { try: CompiledEdge[]; catch: CompiledEdge[]; finally: CompiledEdge[] }
}

interface Regions {
  byTry: Map<string, Region>
  /** node id → try ids whose try or catch body contains it, innermost (smallest) first. */
  enclosing: Map<string, Region[]>
}

export interface CaughtError {
  nodeId: string
  nodeName: string
  nodeType: string
  category: string
  message: string
  code?: string
}

interface Run {
  region: Region
  scopeKey: string
  phase: 'try' | 'catch' | 'done'
  remaining: number
  input: unknown
  error: CaughtError | null
}

/** What the hooks need from ExecutionState (bound closures over its private methods). */
export interface TryHost<A> {
  deliver(edge: CompiledEdge, scopeKey: string, live: boolean, output: unknown, advance: A): void
  setOutput(scopeKey: string, nodeId: string, output: unknown): void
}

const cache = new WeakMap<CompiledGraph, Regions>()

function reach(graph: CompiledGraph, from: CompiledEdge[], stop: string): Set<string> {
  const seen = new Set<string>()
  const stack = from.map((edge) => edge.target)
  while (stack.length) {
    const id = stack.pop()!
    if (seen.has(id) || id === stop) continue
    seen.add(id)
    for (const edge of graph.nodes.get(id)?.out ?? []) {
      if (edge.sourceKind === 'loop_body' || edge.targetKind === 'loop_back') continue
      stack.push(edge.target)
    }
  }
  return seen
}

function regionsOf(graph: CompiledGraph): Regions {
  let regions = cache.get(graph)
  if (regions) return regions
  regions = { byTry: new Map(), enclosing: new Map() }
  for (const compiled of graph.nodes.values()) {
    if (compiled.node.type !== TRY_CATCH_TYPE) continue
    const id = compiled.node.id
    const edges = {
      try: compiled.out.filter((edge) => edge.sourcePort === 'try'),
      catch: compiled.out.filter((edge) => edge.sourcePort === 'catch'),
      finally: compiled.out.filter((edge) => edge.sourcePort === 'finally'),
    }
    const afterFinally = reach(graph, edges.finally, id)
    const fromCatch = reach(graph, edges.catch, id)
    const tryBody = new Set(
      [...reach(graph, edges.try, id)].filter((n) => !fromCatch.has(n) && !afterFinally.has(n))
    )
    const catchBody = new Set([...fromCatch].filter((n) => !afterFinally.has(n)))
    const region: Region = { tryId: id, tryBody, catchBody, edges }
    regions.byTry.set(id, region)
    for (const nodeId of [...tryBody, ...catchBody]) {
      const list = regions.enclosing.get(nodeId) ?? []
      list.push(region)
      regions.enclosing.set(nodeId, list)
    }
  }
  for (const list of regions.enclosing.values()) {
    list.sort((a, b) => a.tryBody.size + a.catchBody.size - (b.tryBody.size + b.catchBody.size))
  }
  cache.set(graph, regions)
  return regions
}

export class TryScopes<A> {
  private readonly regions: Regions
  private readonly runs = new Map<string, Run>()

  constructor(
    graph: CompiledGraph,
    private readonly host: TryHost<A>
  ) {
    this.regions = regionsOf(graph)
  }

  /** Opens the scope of a try_catch node that just succeeded. False for other nodes. */
  start(compiled: CompiledNode, scopeKey: string, output: unknown, advance: A): boolean {
    const region = this.regions.byTry.get(compiled.node.id)
    if (!region) return false
    const input = (output as { input?: unknown } | null)?.input ?? null
    const run: Run = {
      region,
      scopeKey,
      phase: 'try',
      remaining: region.tryBody.size,
      input,
      error: null,
    }
    this.runs.set(`${region.tryId}@${scopeKey}`, run)
    for (const edge of region.edges.try) this.host.deliver(edge, scopeKey, true, input, advance)
    if (run.remaining === 0 && run.phase === 'try') this.finishTry(run, advance)
    return true
  }

  /**
   * An unhandled failure of `compiled` in `scopeKey`: when an open try scope contains it, the
   * failure is recorded there, the node's outgoing edges become dead, and true is returned (the
   * caller then counts the node as settled).
   */
  catchFailure(
    compiled: CompiledNode,
    scopeKey: string,
    error: { category?: unknown; message?: unknown; code?: unknown } | null | undefined,
    advance: A
  ): boolean {
    const run = (this.regions.enclosing.get(compiled.node.id) ?? [])
      .map((region) => this.runs.get(`${region.tryId}@${scopeKey}`))
      .find(
        (candidate) => candidate?.phase === 'try' && candidate.region.tryBody.has(compiled.node.id)
      )
    if (!run) return false
    run.error ??= {
      nodeId: compiled.node.id,
      nodeName: compiled.node.name,
      nodeType: compiled.node.type,
      category: String(error?.category ?? 'internal'),
      message: String(error?.message ?? 'The step failed'),
      ...(error?.code ? { code: String(error.code) } : {}),
    }
    for (const edge of compiled.out) {
      if (edge.sourceKind === 'loop_body') continue
      this.host.deliver(edge, scopeKey, false, undefined, advance)
    }
    return true
  }

  /** A node of `scopeKey` settled (ran, failed and was handled, or was skipped). */
  settled(nodeId: string, scopeKey: string, advance: A) {
    for (const region of this.regions.enclosing.get(nodeId) ?? []) {
      const run = this.runs.get(`${region.tryId}@${scopeKey}`)
      if (!run) continue
      const body =
        run.phase === 'try' ? region.tryBody : run.phase === 'catch' ? region.catchBody : null
      if (!body?.has(nodeId)) continue
      run.remaining--
      if (run.remaining > 0) continue
      if (run.phase === 'try') this.finishTry(run, advance)
      else this.finishCatch(run, advance)
    }
  }

  private finishTry(run: Run, advance: A) {
    const { region, scopeKey } = run
    if (!run.error) {
      run.phase = 'done'
      for (const edge of region.edges.catch)
        this.host.deliver(edge, scopeKey, false, undefined, advance)
      const output = { input: run.input, error: null, ok: true }
      for (const edge of region.edges.finally)
        this.host.deliver(edge, scopeKey, true, output, advance)
      return
    }
    const caught = { input: run.input, error: run.error }
    this.host.setOutput(scopeKey, region.tryId, caught)
    run.phase = 'catch'
    run.remaining = region.catchBody.size
    for (const edge of region.edges.catch) this.host.deliver(edge, scopeKey, true, caught, advance)
    if (run.remaining === 0 && run.phase === 'catch') this.finishCatch(run, advance)
  }

  private finishCatch(run: Run, advance: A) {
    run.phase = 'done'
    const output = { input: run.input, error: run.error, ok: false }
    for (const edge of run.region.edges.finally) {
      this.host.deliver(edge, run.scopeKey, true, output, advance)
    }
  }
}
