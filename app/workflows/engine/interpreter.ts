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
import type { WorkflowGraph } from './graph.js'
import type { ExpressionContext } from './context.js'
import type { PublicNodeType } from '../nodes/types.js'
import { CompiledGraph } from './compiled_graph.js'
import { ExecutionState, type StepRecord } from './execution_state.js'

export {
  CompiledGraph,
  InterpreterError,
  LOOP_HARD_CAP,
  entityAlias,
  stepKey,
} from './compiled_graph.js'
export {
  ExecutionState,
  type Advance,
  type ExecutionOutcome,
  type ReadyStep,
  type StepOutcome,
  type StepRecord,
  type StepStatus,
} from './execution_state.js'

/** A compiled version that can start (or resume) executions. */
export class CompiledWorkflow extends CompiledGraph {
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
