import type { HttpContext } from '@adonisjs/core/http'
import type { ModelPaginatorContract, LucidRow } from '@adonisjs/lucid/types/model'
import { wantsJson } from '#core/http/wants_json'
import { listQueryValidator } from '#finance/support/fields'

import type { ListQuery, PageOfRows } from '#core/http/list_types'

export type { ListQuery } from '#core/http/list_types'

/** The validated list query (?page, perPage, search, status, sort, order) with defaults. */
export async function listQuery(ctx: HttpContext, defaults: Partial<ListQuery> = {}) {
  const input = await listQueryValidator.validate(ctx.request.qs())
  return {
    page: input.page ?? 1,
    perPage: input.perPage ?? defaults.perPage ?? 20,
    search: input.search ?? '',
    status: input.status ?? '',
    sort: input.sort ?? defaults.sort ?? '',
    order: input.order ?? defaults.order ?? 'desc',
  } satisfies ListQuery
}

/** `{ data, meta }` of a page of rows, each turned into what the page/JSON shows. */
export function pageOf<Row extends LucidRow, Dto>(
  paginator: ModelPaginatorContract<Row>,
  toDto: (row: Row) => Dto
): PageOfRows<Dto> {
  return {
    data: paginator.all().map(toDto),
    meta: {
      total: paginator.total,
      perPage: paginator.perPage,
      currentPage: paginator.currentPage,
      lastPage: paginator.lastPage,
    },
  }
}

/**
 * Answers a write: JSON clients get the record (201 for creates), page visits are redirected
 * with a success toast.
 */
export function afterWrite(
  ctx: HttpContext,
  options: { record: unknown; message: string; redirectTo?: string; created?: boolean }
) {
  if (wantsJson(ctx)) {
    return ctx.response.status(options.created ? 201 : 200).send({ data: options.record })
  }
  ctx.session.flash('success', options.message)
  return options.redirectTo
    ? ctx.response.redirect(options.redirectTo)
    : ctx.response.redirect().back()
}

export { wantsJson }
