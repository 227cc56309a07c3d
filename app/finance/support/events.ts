import type { LucidRow } from '@adonisjs/lucid/types/model'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#core/events/outbox'
import { diffSnapshots, toSnapshot } from '#core/events/snapshot'
import type { DomainEventType, EntitySnapshot } from '#core/events/catalog'

type RowWithId = LucidRow & { id: number; tenantId: number }

/**
 * Records a "created" event: the row's snapshot as `entity`.
 */
export async function recordCreated(
  trx: TransactionClientContract,
  type: DomainEventType,
  aggregateType: string,
  row: RowWithId,
  actorId?: number | null
) {
  await recordEvent(trx, {
    tenantId: row.tenantId,
    type,
    aggregateType,
    aggregateId: row.id,
    payload: { entity: toSnapshot(row) },
    actorId,
  })
}

/**
 * Records an "updated" event with the changed fields, compared with the snapshot taken before
 * the change. Nothing is recorded when nothing changed (saving an unchanged form is not news).
 * Returns whether an event was recorded.
 */
export async function recordUpdated(
  trx: TransactionClientContract,
  type: DomainEventType,
  aggregateType: string,
  row: RowWithId,
  before: EntitySnapshot,
  actorId?: number | null
) {
  const entity = toSnapshot(row)
  const changes = diffSnapshots(before, entity)
  if (Object.keys(changes).length === 0) return false
  await recordEvent(trx, {
    tenantId: row.tenantId,
    type,
    aggregateType,
    aggregateId: row.id,
    payload: { entity, changes },
    actorId,
  })
  return true
}
