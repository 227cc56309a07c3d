import db from '@adonisjs/lucid/services/db'
import { waitForDispatches } from '#core/events/outbox'

export interface StoredEventRow {
  type: string
  aggregate_type: string
  aggregate_id: string
  payload: Record<string, any>
  actor_id: number | null
}

/** The tenant's domain events, oldest first (optionally only those after `since`). */
export async function eventsOf(tenantId: number): Promise<StoredEventRow[]> {
  await waitForDispatches()
  return db
    .from('domain_events')
    .where('tenant_id', tenantId)
    .orderBy('occurred_at', 'asc')
    .select('type', 'aggregate_type', 'aggregate_id', 'payload', 'actor_id')
}

export async function eventTypes(tenantId: number) {
  const events = await eventsOf(tenantId)
  return events.map((event) => event.type)
}

export async function clearEvents(tenantId: number) {
  await waitForDispatches()
  await db.from('domain_events').where('tenant_id', tenantId).delete()
}
