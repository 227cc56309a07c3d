import { reactive, watch } from 'vue'
import { router } from '@inertiajs/vue3'
import type { ListQuery } from '~/finance/types'

/**
 * State of a server-paginated list page: search, status filter, page and sort live in the URL
 * (shareable, back button works) and every change reloads only the list prop.
 */
export function useListQuery(url: string, initial: ListQuery, only: string[]) {
  const state = reactive({ ...initial })
  let timer: ReturnType<typeof setTimeout> | undefined

  function reload() {
    const params: Record<string, string | number> = {}
    if (state.search) params.search = state.search
    if (state.status) params.status = state.status
    if (state.page > 1) params.page = state.page
    if (state.perPage !== 20) params.perPage = state.perPage
    if (state.sort) params.sort = state.sort
    if (state.sort) params.order = state.order
    router.get(url, params, { preserveState: true, preserveScroll: true, replace: true, only })
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

  function onPage(event: { page: number; rows: number }) {
    state.page = event.page + 1
    state.perPage = event.rows
    reload()
  }

  function onSort(event: { sortField?: unknown; sortOrder?: number | null }) {
    state.sort = typeof event.sortField === 'string' ? event.sortField : ''
    state.order = event.sortOrder === 1 ? 'asc' : 'desc'
    reload()
  }

  return { state, reload, onPage, onSort }
}
