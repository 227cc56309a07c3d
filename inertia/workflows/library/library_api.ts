/**
 * The workflow library as the builder sees it (GET /api/v1/workflow-library/callables): library
 * components (own and shared with this workspace) and the workspace's own workflows, each with
 * its input parameters and return values. Loaded once per page and shared by the palette's
 * "Sub-Flows" section and the Sub-Workflow node's workflow picker.
 */
import { ref } from 'vue'
import { api, unwrap } from '../composables/api'
import type { Callables, CallableWorkflowEntry, LibraryEntry } from '#workflows/library/types'

export { matchesQuery, subWorkflowConfig } from './sub_flow_config.js'

const components = ref<LibraryEntry[]>([])
const workflows = ref<CallableWorkflowEntry[]>([])
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
