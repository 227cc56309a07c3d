/**
 * Pure helpers of the builder's workflow library (no Vue, no fetch: unit-tested in Node): the
 * Sub-Workflow node config for a picked workflow, and the palette's search filter.
 */
import type { ComponentParameter } from '#workflows/library/types'

type Searchable = {
  name: string
  workflowName: string
  description: string | null
  category: string | null
  owner: { name: string } | null
}

/**
 * Config of a Sub-Workflow node calling `target`: its workflow id, the owner workspace for a
 * shared component, and one parameter key per declared input (values already mapped are kept).
 */
export function subWorkflowConfig(
  target: {
    workflowId: number
    parameters: ComponentParameter[]
    owner?: { tenantId: number } | null
  },
  current: Record<string, unknown> = {}
): Record<string, unknown> {
  const previous =
    current.parameters && typeof current.parameters === 'object'
      ? (current.parameters as Record<string, unknown>)
      : {}
  const sameTarget = Number(current.workflowId) === target.workflowId
  const parameters: Record<string, unknown> = {}
  for (const parameter of target.parameters)
    parameters[parameter.key] = previous[parameter.key] ?? ''
  // Keys someone mapped by hand for the same workflow stay; another workflow's keys go.
  if (sameTarget) for (const [key, value] of Object.entries(previous)) parameters[key] ??= value
  return {
    workflowId: target.workflowId,
    ownerTenantId: target.owner?.tenantId ?? null,
    parameters,
  }
}

/** Palette filter over name, description, category and owner. */
export function matchesQuery(component: Searchable, query: string) {
  const q = query.trim().toLowerCase()
  if (!q) return true
  return [
    component.name,
    component.workflowName,
    component.description,
    component.category,
    component.owner?.name,
    'sub-flow',
  ].some((text) => text?.toLowerCase().includes(q))
}
