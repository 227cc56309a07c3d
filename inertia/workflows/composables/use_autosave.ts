/**
 * Autosave of the draft: a short quiet period after the last change, one save in flight at a
 * time (changes made while saving are saved right after), an indicator state, and a browser
 * warning when leaving with unsaved changes.
 */
import { onBeforeUnmount, onMounted, ref, watch } from 'vue'
import type { WorkflowGraph } from '#workflows/engine/graph'
import type { WorkflowDocumentStore } from '../stores/workflow_document'

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error'

export function useAutosave(
  doc: WorkflowDocumentStore,
  save: (graph: WorkflowGraph) => Promise<void>,
  delayMs = 1200
) {
  const status = ref<SaveStatus>('saved')
  const error = ref<string | null>(null)
  const lastSavedAt = ref<Date | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null
  let inFlight: Promise<void> | null = null

  function schedule() {
    if (timer) clearTimeout(timer)
    if (!doc.dirty) return
    status.value = inFlight ? 'saving' : 'pending'
    timer = setTimeout(() => void saveNow(), delayMs)
  }

  async function saveNow(): Promise<boolean> {
    if (timer) clearTimeout(timer)
    timer = null
    if (inFlight) await inFlight
    if (!doc.dirty) {
      status.value = 'saved'
      return true
    }
    const revision = doc.revision
    const graph = doc.graph
    status.value = 'saving'
    let ok = true
    inFlight = save(graph)
      .then(() => {
        doc.markSaved(revision)
        lastSavedAt.value = new Date()
        error.value = null
      })
      .catch((e: Error) => {
        ok = false
        error.value = e.message
      })
    await inFlight
    inFlight = null
    if (!ok) status.value = 'error'
    else if (doc.dirty) schedule()
    else status.value = 'saved'
    return ok
  }

  watch(() => doc.revision, schedule)

  function beforeUnload(event: BeforeUnloadEvent) {
    if (!doc.dirty) return
    event.preventDefault()
  }
  onMounted(() => window.addEventListener('beforeunload', beforeUnload))
  onBeforeUnmount(() => {
    window.removeEventListener('beforeunload', beforeUnload)
    if (timer) clearTimeout(timer)
    if (doc.dirty) void saveNow()
  })

  return { status, error, lastSavedAt, saveNow }
}
