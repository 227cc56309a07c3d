import { DEFAULT_PER_PAGE, useListQuery, type PageOfRows } from '~/core/use_list_query'
import type { ListFilters } from '../../app/crm/types'

/**
 * A CRM list page's URL-backed state (useListQuery): the CRM controllers read the sort as
 * `sortField`/`sortOrder` and send the filters with only the parameters the URL had.
 */
export function useList<T>(
  url: string,
  filters: ListFilters,
  only: string[],
  rows: () => PageOfRows<T>
) {
  return useListQuery({
    url,
    query: {
      search: filters.search ?? '',
      status: filters.status ?? '',
      page: filters.page ?? 1,
      perPage: filters.perPage ?? DEFAULT_PER_PAGE,
      sort: filters.sortField ?? '',
      order: filters.sortOrder ?? 'asc',
    },
    only,
    rows,
    sortParams: { field: 'sortField', order: 'sortOrder' },
  })
}
