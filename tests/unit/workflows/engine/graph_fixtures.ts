/** Small builders for test graphs (real node types from the registry, in their JSON form). */
import type { GraphEdge, GraphNode, WorkflowGraph } from '#workflows/engine/graph'
import {
  compileWorkflow,
  type StepOutcome,
  type ReadyStep,
  type ExecutionState,
} from '#workflows/engine/interpreter'
import { nodeRegistry } from '#workflows/nodes/registry'
import type { ExpressionContext } from '#workflows/engine/context'

export const types = nodeRegistry.publicList()

export function node(id: string, type: string, config: Record<string, unknown> = {}): GraphNode {
  const defaults = nodeRegistry.getOrFail(type).defaults
  return { id, type, name: id, config: { ...defaults, ...config }, position: { x: 0, y: 0 } }
}

let edgeCounter = 0
export function edge(
  source: string,
  sourcePort: string,
  target: string,
  targetPort = 'in'
): GraphEdge {
  return { id: `e${++edgeCounter}`, source, sourcePort, target, targetPort }
}

export function graph(
  nodes: GraphNode[],
  edges: GraphEdge[],
  variables: Record<string, unknown> = {}
): WorkflowGraph {
  return { nodes, edges, variables }
}

export const vars = (values: Record<string, unknown>) =>
  node(`set_${Object.keys(values).join('_')}`, 'set_variables', { variables: values })

export type Executor = (step: ReadyStep, context: ExpressionContext) => StepOutcome

/** Drives the interpreter to the end, running ready steps one at a time in FIFO order. */
export function drive(
  g: WorkflowGraph,
  input: unknown,
  executor: Executor,
  state?: ExecutionState
) {
  const execution = state ?? compileWorkflow(g, types).start({ input })
  const queue = [...execution.ready()]
  const executed: string[] = []
  const skipped: string[] = []
  let guard = 0
  while (queue.length && guard++ < 10_000) {
    const step = queue.shift()!
    executed.push(step.key)
    const advance = execution.complete(
      step.nodeId,
      step.scopeKey,
      executor(step, execution.contextFor(step))
    )
    queue.push(...advance.ready)
    skipped.push(...advance.skipped.map((record) => `${record.nodeId}@${record.scopeKey}`))
  }
  return { state: execution, executed, skipped }
}

/** Succeeds every step with its input (condition nodes evaluate their rules for real). */
export const passThrough: Executor = (step) => ({ status: 'succeeded', output: step.input ?? null })
