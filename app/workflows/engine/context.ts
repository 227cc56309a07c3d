/**
 * What `{{ }}` expressions and condition fields can see while a step runs. Built by the
 * interpreter (`ExecutionState.contextFor`) for each ready step.
 *
 * - `trigger`: the trigger step's output (entity events: `{ event, eventId, entityType, entity,
 *   changes, ... }`; webhook: `{ body, headers, query, method }`; manual: the form input).
 * - `<entityType>`: when the trigger carries an entity, it is also exposed under its type name, so
 *   `{{invoice.number}}` works for invoice events (never overrides the keys below).
 * - `steps.<nodeId>`: outputs of finished steps visible from this scope (enclosing loop iterations
 *   included); a loop node's entry is `{ items, count, results }` once it is done.
 * - `vars`: workflow variables (graph.variables overlaid by set_variables outputs).
 * - `loop`: innermost loop iteration `{ item, index, total }`; `loops.<loopNodeId>` for each one.
 * - `execution`: `{ id, workflowId }` when the runtime provides it.
 */
export interface LoopFrame {
  item: unknown
  index: number
  total: number
}

export interface ExpressionContext {
  trigger: unknown
  steps: Record<string, unknown>
  vars: Record<string, unknown>
  loop?: LoopFrame
  loops?: Record<string, LoopFrame>
  execution?: { id: number | string; workflowId?: number | string }
  [alias: string]: unknown
}
