/**
 * The workflow library as the builder sees it (GET /api/v1/workflow-library/callables): library
 * components (own and shared with this workspace) and the workspace's own workflows, each with
 * its input parameters and return values. Loaded once per page and shared by the palette's
 * "Sub-Flows" section and the Sub-Workflow node's workflow picker.
 */
import { ref } from 'vue'
import { api, unwrap } from '../composables/api'

export type ComponentParameter = {
  key: string
  label: string
  type: string
  required: boolean
  help: string | null
}

export type LibraryComponent = {
  componentId: number
  workflowId: number
  name: string
  workflowName: string
  description: string | null
  category: string | null
  icon: string | null
  owner: { tenantId: number; name: string } | null
  published: boolean
  latestVersion: number | null
  parameters: ComponentParameter[]
  returns: string[]
}

export type CallableWorkflow = {
  workflowId: number
  name: string
  status: string
  published: boolean
  latestVersion: number | null
  parameters: ComponentParameter[]
  returns: string[]
}

export type Callables = { components: LibraryComponent[]; workflows: CallableWorkflow[] }

const components = ref<LibraryComponent[]>([])
const workflows = ref<CallableWorkflow[]>([])
const loaded = ref(false)
const error = ref<string | null>(null)
let pending: Promise<void> | null = null

async function fetchCallables() {
  try {
    const data = unwrap<Callables>(await api('GET', '/workflow-library/callables'))
    components.value = data.components
    workflows.value = data.workflows
    error.value = null
  } catch (failure) {
    error.value = (failure as Error).message
  } finally {
    loaded.value = true
  }
}

/** Loads the library once; `reload()` after marking/unmarking a component. */
export function useLibrary() {
  function load() {
    pending ??= fetchCallables()
    return pending
  }
  function reload() {
    pending = fetchCallables()
    return pending
  }
  return { components, workflows, loaded, error, load, reload }
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
export function matchesQuery(component: LibraryComponent, query: string) {
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
