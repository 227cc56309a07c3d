import { ref, shallowRef, type Ref } from 'vue'
import type { InertiaForm } from '@inertiajs/vue3'

/**
 * A host-module dialog that creates a record (`editing` null) or edits one with an Inertia form:
 * `edit(record)` fills the form from it (or with the blank values), clears earlier errors and
 * opens the dialog; `save()` posts to `url` or puts to `url/:id` and closes the dialog once the
 * server accepted it (validation errors keep it open, shown on the form).
 *
 * A page owns its dialog's `open` state; a dialog component passes its `v-model:visible` as
 * `open` and calls `edit(record)` when its parent opens it.
 */
export function useRecordDialog<Row extends { id: number }, Form extends object>(
  form: InertiaForm<Form>,
  options: {
    url: string
    fill: (record: Row | null) => void
    /** The request body (dates and money converted for the API). */
    payload: (data: Form) => object
    open?: Ref<boolean>
    /** Creating uploads a file: post multipart form data. */
    upload?: boolean
  }
) {
  const open = options.open ?? ref(false)
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
    else request.post(options.url, { ...after, forceFormData: options.upload === true })
  }

  return { open, editing, edit, save }
}
