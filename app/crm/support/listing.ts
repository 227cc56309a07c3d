import type { ModelQueryBuilderContract, LucidModel } from '@adonisjs/lucid/types/model'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { pagination } from '#crm/validators/fields'
import type { ListFilters, Option, Paginated } from '#crm/types'

/**
 * Reads ?page, perPage, search, status, sortField, sortOrder. A hand-edited URL with invalid values
 * shows the unfiltered first page instead of an error.
 */
export async function listFilters(ctx: HttpContext): Promise<ListFilters> {
  const [error, filters] = await pagination.tryValidate(ctx.request.qs())
  return error ? {} : filters
}

/**
 * Paginates a tenant query: `searchColumns` are matched case-insensitively, `sortable` lists the
 * columns a client may sort by (camelCase field → column), anything else falls back to newest first.
 */
export async function paginate<Model extends LucidModel, T>(
  query: ModelQueryBuilderContract<Model>,
  filters: ListFilters,
  options: {
    searchColumns: string[]
    sortable: Record<string, string>
    present: (row: InstanceType<Model>) => T
  }
): Promise<Paginated<T>> {
  const term = filters.search?.trim()
  if (term) {
    const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query.where((q) => {
      for (const column of options.searchColumns) q.orWhereILike(column, like)
    })
  }
  const column = filters.sortField ? options.sortable[filters.sortField] : undefined
  if (column) query.orderBy(column, filters.sortOrder ?? 'asc')
  query.orderBy('id', 'desc')
  const page = await query.paginate(filters.page ?? 1, filters.perPage ?? 20)
  return {
    data: page.all().map((row) => options.present(row as InstanceType<Model>)),
    meta: {
      total: page.total,
      perPage: page.perPage,
      currentPage: page.currentPage,
      lastPage: page.lastPage,
    },
  }
}

/** Members of the tenant (owner pickers). */
export async function memberOptions(tenantId: number): Promise<Option[]> {
  const rows = await db
    .from('memberships')
    .join('users', 'users.id', 'memberships.user_id')
    .where('memberships.tenant_id', tenantId)
    .orderBy('users.full_name')
    .select('users.id', db.raw('coalesce(users.full_name, users.email) as name'))
  return rows.map((row) => ({ id: Number(row.id), name: String(row.name) }))
}

/** Accounts of the tenant by name (account pickers; capped). */
export async function accountOptions(tenantId: number, limit = 500): Promise<Option[]> {
  const rows = await db
    .from('crm_accounts')
    .where('tenant_id', tenantId)
    .orderBy('name')
    .limit(limit)
    .select('id', 'name')
  return rows.map((row) => ({ id: Number(row.id), name: String(row.name) }))
}
