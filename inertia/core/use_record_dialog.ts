import { ref, shallowRef } from 'vue'
import type { InertiaForm } from '@inertiajs/vue3'

/**
 * A host-module dialog that creates a record (`editing` null) or edits one with an Inertia form:
 * `edit(record)` fills the form from it (or with the blank values), clears earlier errors and
 * opens the dialog; `save()` posts to `url` or puts to `url/:id` and closes the dialog once the
 * server accepted it (validation errors keep it open, shown on the form).
 */
export function useRecordDialog<Row extends { id: number }, Form extends object>(
  form: InertiaForm<Form>,
  options: {
    url: string
    fill: (record: Row | null) => void
    /** The request body (dates and money converted for the API). */
    payload: (data: Form) => object
  }
) {
  const open = ref(false)
  const editing = shallowRef<Row | null>(null)

  function edit(record: Row | null) {
    editing.value = record
    form.clearErrors()
    options.fill(record)
    open.value = true
  }

  function save() {
    const request = form.transform(options.payload)
    const after = { preserveScroll: true, onSuccess: () => (open.value = false) }
    if (editing.value) request.put(`${options.url}/${editing.value.id}`, after)
    else request.post(options.url, after)
  }

  return { open, editing, edit, save }
}
