import db from '@adonisjs/lucid/services/db'
import { errors as lucidErrors } from '@adonisjs/lucid'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import type { EntityOperationOptions } from '#core/entities/types'
import { CrmRuleError } from '#crm/support/business_error'

/**
 * Options of every CRM service write (the entity registry passes them through unchanged):
 * `trx` joins the caller's transaction, `idempotencyKey` makes a retried create return the first
 * result, `actorId` is recorded as the event actor.
 */
export type ServiceOptions = EntityOperationOptions

/** Runs `work` in the caller's transaction when given one, else in a new one. */
export function inTransaction<T>(
  trx: TransactionClientContract | undefined,
  work: (trx: TransactionClientContract) => Promise<T>
): Promise<T> {
  return trx ? work(trx) : db.transaction(work)
}

/** The row an earlier create with the same idempotency key made, if any. */
export async function findByIdempotencyKey<Model extends LucidModel>(
  model: Model,
  trx: TransactionClientContract,
  tenantId: number,
  key: string | undefined
): Promise<InstanceType<Model> | null> {
  if (!key) return null
  const row = await model
    .query({ client: trx })
    .where('tenant_id', tenantId)
    .where('idempotency_key', key)
    .first()
  return (row as InstanceType<Model> | null) ?? null
}

/**
 * Loads a row of this tenant FOR UPDATE (so concurrent transitions serialize), or throws the same
 * 404 as a missing row when it does not exist or belongs to another tenant.
 */
export async function lockForTenant<Model extends LucidModel>(
  model: Model,
  trx: TransactionClientContract,
  tenantId: number,
  id: number | string
): Promise<InstanceType<Model>> {
  const numeric = Number(id)
  if (!Number.isSafeInteger(numeric) || numeric <= 0) throw new lucidErrors.E_ROW_NOT_FOUND(model)
  const row = await model
    .query({ client: trx })
    .where('tenant_id', tenantId)
    .where('id', numeric)
    .forUpdate()
    .first()
  if (!row) throw new lucidErrors.E_ROW_NOT_FOUND(model)
  return row as InstanceType<Model>
}

/** Refuses a reference to a row that does not exist in this tenant (never reveals other tenants). */
export async function assertInTenant(
  trx: TransactionClientContract,
  table: string,
  tenantId: number,
  id: number | null | undefined,
  field: string,
  label: string
) {
  if (id === null || id === undefined) return
  const row = await trx.from(table).where({ tenant_id: tenantId, id }).select('id').first()
  if (!row) throw new CrmRuleError(`The selected ${label} does not exist`, field)
}

/** Refuses an owner who is not a member of the tenant. */
export async function assertMember(
  trx: TransactionClientContract,
  tenantId: number,
  userId: number | null | undefined,
  field = 'ownerId'
) {
  if (userId === null || userId === undefined) return
  const row = await trx
    .from('memberships')
    .where({ tenant_id: tenantId, user_id: userId })
    .select('id')
    .first()
  if (!row) throw new CrmRuleError('The selected owner is not a member of this workspace', field)
}
