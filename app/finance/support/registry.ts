import type { LucidModel, LucidRow } from '@adonisjs/lucid/types/model'
import type { EntityOperationOptions, EntityRecord } from '#core/entities/registry'
import { toSnapshot } from '#core/events/snapshot'

/** A registry id as a row id; null for anything that cannot be one ('abc', -1, 1.5). */
export function rowId(id: number | string): number | null {
  const value = typeof id === 'number' ? id : /^\d{1,15}$/.test(id) ? Number(id) : Number.NaN
  return Number.isSafeInteger(value) && value > 0 ? value : null
}

/** The snapshot a registry operation returns: the same JSON the events carry. */
export function asRecord(row: LucidRow): EntityRecord {
  return toSnapshot(row) as EntityRecord
}

/** Registry `find`: the tenant's row as a snapshot, or null (missing or another tenant's). */
export async function findRecord(
  model: LucidModel,
  tenantId: number,
  id: number | string,
  opts: EntityOperationOptions = {},
  prepare?: (row: LucidRow) => Promise<unknown>
): Promise<EntityRecord | null> {
  const key = rowId(id)
  if (key === null) return null
  const row = await model
    .query({ client: opts.trx })
    .where('tenant_id', tenantId)
    .where('id', key)
    .first()
  if (!row) return null
  if (prepare) await prepare(row)
  return asRecord(row)
}

/** Registry `update` on an id that cannot exist: the same 404 as a missing row. */
export function requireRowId(id: number | string): number {
  const key = rowId(id)
  if (key === null) return 0
  return key
}
