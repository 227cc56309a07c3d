import { ref, watch } from 'vue'
import { router } from '@inertiajs/vue3'
import type { DataTablePageEvent, DataTableSortEvent } from 'primevue/datatable'
import type { ListFilters } from '../../app/crm/types'

/**
 * Server-side list state for a lazy PrimeVue DataTable: paging, sorting, a debounced search box and
 * a status filter, all kept in the URL query so lists can be bookmarked and the back button works.
 */
export function useList(path: string, initial: ListFilters, only: string[]) {
  const search = ref(initial.search ?? '')
  const status = ref<string | null>(initial.status ?? null)
  const state: ListFilters = { ...initial }

  function load(changes: Partial<ListFilters>) {
    Object.assign(state, changes)
    const query = Object.fromEntries(
      Object.entries(state).filter(
        ([, value]) => value !== undefined && value !== null && value !== ''
      )
    )
    router.get(path, query, { only, preserveState: true, preserveScroll: true, replace: true })
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  watch(search, (value) => {
    clearTimeout(timer)
    timer = setTimeout(() => load({ search: value || undefined, page: 1 }), 300)
  })
  watch(status, (value) => load({ status: value ?? undefined, page: 1 }))

  function onPage(event: DataTablePageEvent) {
    load({ page: event.page + 1, perPage: event.rows })
  }

  function onSort(event: DataTableSortEvent) {
    load({
      sortField: typeof event.sortField === 'string' ? event.sortField : undefined,
      sortOrder: event.sortOrder === -1 ? 'desc' : 'asc',
      page: 1,
    })
  }

  return { search, status, onPage, onSort }
}
