import { computed, reactive, watch } from 'vue'
import { router } from '@inertiajs/vue3'
import type { DataTablePageEvent, DataTableSortEvent } from 'primevue/datatable'
import type { ListQuery, PageOfRows } from '#core/http/list_types'

export type { ListQuery, PageOfRows } from '#core/http/list_types'

/** The URL names of the sort parameters: `sort`/`order`, or CRM's `sortField`/`sortOrder`. */
export type SortParams = { field: string; order: string }

export const DEFAULT_PER_PAGE = 20

/**
 * State of a server-paginated list page (the host modules' lists): search, status filter, page
 * and sort live in the URL (shareable, the back button works) and every change reloads only the
 * `only` props. `table` is what the lazy PrimeVue DataTable binds (`v-bind="table"`): rows,
 * paginator position, sort indicator and the page/sort handlers.
 */
export function useListQuery<T>(options: {
  url: string
  query: ListQuery
  only: string[]
  rows: () => PageOfRows<T>
  sortParams?: SortParams
}) {
  const state = reactive({ ...options.query })
  const names = options.sortParams ?? { field: 'sort', order: 'order' }
  let timer: ReturnType<typeof setTimeout> | undefined

  /** Only what differs from the server's defaults goes in the URL. */
  function reload() {
    const params: Record<string, string | number> = {}
    if (state.search) params.search = state.search
    if (state.status) params.status = state.status
    if (state.page > 1) params.page = state.page
    if (state.perPage !== DEFAULT_PER_PAGE) params.perPage = state.perPage
    if (state.sort) {
      params[names.field] = state.sort
      params[names.order] = state.order
    }
    router.get(options.url, params, {
      preserveState: true,
      preserveScroll: true,
      replace: true,
      only: options.only,
    })
  }

  // Typing in the search box waits for a pause; filters apply at once. Both restart at page 1.
  watch(
    () => state.search,
    () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        state.page = 1
        reload()
      }, 300)
    }
  )
  watch(
    () => state.status,
    () => {
      state.page = 1
      reload()
    }
  )

  function onPage(event: DataTablePageEvent) {
    state.page = event.page + 1
    state.perPage = event.rows
    reload()
  }

  // A new order starts at the first page, as the DataTable's paginator does.
  function onSort(event: DataTableSortEvent) {
    state.sort = typeof event.sortField === 'string' ? event.sortField : ''
    state.order = event.sortOrder === -1 ? 'desc' : 'asc'
    state.page = 1
    reload()
  }

  const table = computed(() => {
    const { data, meta } = options.rows()
    return {
      value: data,
      lazy: true,
      paginator: true,
      rows: meta.perPage,
      totalRecords: meta.total,
      first: (meta.currentPage - 1) * meta.perPage,
      sortField: state.sort || undefined,
      sortOrder: state.order === 'asc' ? 1 : -1,
      onPage,
      onSort,
    }
  })

  return { state, reload, table }
}
