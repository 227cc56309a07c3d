/** Shapes the host-module pages receive (serialized models; money in minor units). */

export type PageMeta = {
  total: number
  perPage: number
  currentPage: number
  lastPage: number
}

export type Paginated<T> = {
  data: T[]
  meta: PageMeta
}

export type { ListQuery } from '~/core/use_list_query'

export type Option = {
  id: number
  name: string
}
