import { errors as lucidErrors } from '@adonisjs/lucid'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/** PostgreSQL codes for an id that cannot be a row id at all ('abc', 99999999999999999999). */
const MALFORMED_ID_CODES = new Set(['22P02', '22003'])

/**
 * Loads one row of a tenant-owned table, or throws E_ROW_NOT_FOUND (a 404) when it does not exist,
 * belongs to another tenant, or the id is malformed. Answering "not found" for another tenant's row
 * never reveals that it exists.
 */
export async function findForTenantOrFail<Model extends LucidModel>(
  model: Model,
  tenantId: number,
  id: number | string,
  options: { client?: QueryClientContract } = {}
): Promise<InstanceType<Model>> {
  try {
    const row = await model
      .query({ client: options.client })
      .where('tenant_id', tenantId)
      .where(model.primaryKey, id)
      .first()
    if (row) return row as InstanceType<Model>
  } catch (error) {
    if (!MALFORMED_ID_CODES.has((error as { code?: string }).code ?? '')) throw error
  }
  throw new lucidErrors.E_ROW_NOT_FOUND(model)
}
