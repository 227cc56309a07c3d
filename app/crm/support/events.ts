import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { LucidRow } from '@adonisjs/lucid/types/model'
import { recordEvent } from '#core/events/outbox'
import type { DomainEventMap, DomainEventType, EntitySnapshot } from '#core/events/catalog'
import { diffSnapshots, toSnapshot } from '#core/events/snapshot'

type Extra<T extends DomainEventType> = Omit<DomainEventMap[T], 'entity'>

/**
 * Records a CRM event whose payload is the row's snapshot plus `extra` (changes, stage names, ...).
 * The aggregate type is the entity registry name ('lead', 'deal', ...).
 */
export async function recordCrmEvent<T extends DomainEventType>(
  trx: TransactionClientContract,
  type: T,
  aggregateType: string,
  row: LucidRow & { id: number; tenantId: number },
  actorId: number | null | undefined,
  extra: Extra<T>,
  entity: EntitySnapshot = toSnapshot(row)
) {
  return recordEvent(trx, {
    tenantId: row.tenantId,
    type,
    aggregateType,
    aggregateId: row.id,
    payload: { entity, ...extra } as DomainEventMap[T],
    actorId: actorId ?? null,
  })
}

/**
 * Applies `data` to `row`, saves it and, when something changed, records `type` with the changes.
 * Returns the changes (empty = nothing changed, nothing recorded).
 */
export async function saveWithUpdateEvent(
  trx: TransactionClientContract,
  type: DomainEventType & `${string}.updated`,
  aggregateType: string,
  row: LucidRow & { id: number; tenantId: number },
  data: Record<string, unknown>,
  actorId: number | null | undefined,
  snapshot: (row: any) => EntitySnapshot | Promise<EntitySnapshot> = toSnapshot
) {
  const before = await snapshot(row)
  // Absent keys (undefined) mean "leave as is"; null clears a field.
  row.merge(Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)))
  if (!row.$isDirty) return {}
  await row.useTransaction(trx).save()
  const after = await snapshot(row)
  const changes = diffSnapshots(before, after)
  if (Object.keys(changes).length > 0) {
    await recordCrmEvent(trx, type, aggregateType, row, actorId, { changes } as any, after)
  }
  return changes
}
