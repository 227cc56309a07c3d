/**
 * What a callable workflow declares to its callers: its input parameters (the manual trigger's
 * form fields) and its return values (the keys its Return nodes hand back). Read from the graph
 * that would run, so the builder can pre-fill a Sub-Workflow node and show what comes back.
 */
import type { WorkflowGraph } from '#workflows/engine/graph'
import type { ManualField } from '#workflows/nodes/triggers/manual'
import type { WorkflowSignature } from '#workflows/library/types'

export function signatureOf(graph: WorkflowGraph | null | undefined): WorkflowSignature {
  const nodes = graph?.nodes ?? []
  const manual = nodes.find((node) => node.type === 'manual')
  const fields = ((manual?.config ?? {}) as { fields?: ManualField[] }).fields ?? []
  const parameters = fields
    .filter((field) => field && typeof field.key === 'string')
    .map((field) => ({
      key: field.key,
      label: field.label || field.key,
      type: field.type ?? 'string',
      required: field.required === true,
      help: field.help ?? null,
    }))
  const returns = new Set<string>()
  for (const node of nodes) {
    if (node.type !== 'return') continue
    const values = (node.config ?? {}).values
    if (values && typeof values === 'object')
      for (const key of Object.keys(values)) returns.add(key)
  }
  return { parameters, returns: [...returns] }
}
