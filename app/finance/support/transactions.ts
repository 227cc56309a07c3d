import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { LucidModel } from '@adonisjs/lucid/types/model'

/**
 * Options every host-module service operation accepts. The entity registry passes them through
 * so an automation behaves exactly like a person: `trx` joins the caller's transaction (a
 * workflow step's checkpoint), `idempotencyKey` makes a retried create return the first result.
 */
export interface ServiceOptions {
  actorId?: number | null
  trx?: TransactionClientContract
  idempotencyKey?: string
}

/** Runs `work` inside the caller's transaction when given one, else in a new transaction. */
export async function inTransaction<T>(
  trx: TransactionClientContract | undefined,
  work: (trx: TransactionClientContract) => Promise<T>
): Promise<T> {
  if (trx) return work(trx)
  return db.transaction(work)
}

/**
 * The row an earlier call with the same idempotency key created, if any. A workflow step that
 * re-runs after a crash passes the same key, so its create happens once.
 */
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
