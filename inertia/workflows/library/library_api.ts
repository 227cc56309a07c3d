/**
 * The workflow library as the builder sees it (GET /api/v1/workflow-library/callables): library
 * components (own and shared with this workspace) and the workspace's own workflows, each with
 * its input parameters and return values. Loaded once per page and shared by the palette's
 * "Sub-Flows" section and the Sub-Workflow node's workflow picker.
 */
import { ref } from 'vue'
import { api, unwrap } from '../composables/api'
import type { ComponentParameter } from './sub_flow_config.js'

export type { ComponentParameter } from './sub_flow_config.js'
export { matchesQuery, subWorkflowConfig } from './sub_flow_config.js'

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
