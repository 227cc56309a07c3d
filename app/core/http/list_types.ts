/**
 * The host modules' list API shapes, shared as types with the list pages (imports of this module
 * are erased at build time; see vite.config.ts and the eslint allow-list). Type aliases, not
 * interfaces: Inertia's typed page props only accept the former.
 */

/** A list page's query: search box, status filter, page and sort ('' = none). */
export type ListQuery = {
  page: number
  perPage: number
  search: string
  status: string
  sort: string
  order: 'asc' | 'desc'
}

/** One page of rows as the host modules' controllers send it. */
export type PageOfRows<T> = {
  data: T[]
  meta: { total: number; perPage: number; currentPage: number; lastPage: number }
}
