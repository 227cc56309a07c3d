/**
 * Helpers for event payloads: an entity snapshot is the model's serialized form (camelCase keys,
 * dates as ISO strings, the same keys as the entity registry fields), and an update's `changes`
 * lists only the keys whose value actually changed.
 */
import type { LucidRow } from '@adonisjs/lucid/types/model'
import type { EntitySnapshot, FieldChanges } from '#core/events/catalog'

export function toSnapshot(row: LucidRow): EntitySnapshot {
  return JSON.parse(JSON.stringify(row.serialize())) as EntitySnapshot
}

/** Changed keys between two snapshots; `ignore` skips bookkeeping fields such as updatedAt. */
export function diffSnapshots(
  before: EntitySnapshot,
  after: EntitySnapshot,
  ignore: string[] = ['updatedAt']
): FieldChanges {
  const changes: FieldChanges = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ignore.includes(key)) continue
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes[key] = { from: before[key] ?? null, to: after[key] ?? null }
    }
  }
  return changes
}
