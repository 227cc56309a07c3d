/**
 * Delivers one stored event to every in-process listener, at most once per (event, listener).
 *
 * Claim protocol on `domain_event_deliveries` (primary key event_id + listener):
 *   INSERT status 'processing' ... ON CONFLICT DO UPDATE only when the previous attempt 'failed' or a
 *   'processing' claim is stale (its process died mid-handler). A returned row = we own the delivery;
 *   no row = someone else delivered it, gave up, or is running it right now.
 * The event counts as dispatched (`dispatched_at`) once every listener is delivered or dead.
 * These records commit asynchronously (core/database/commit_mode.ts): if a database crash loses
 * some, the relay delivers again, and a stale claim is taken over after STALE_CLAIM_SECONDS.
 */

import db from '@adonisjs/lucid/services/db'
import { ASYNC_COMMIT_CONNECTION } from '#core/database/commit_mode'
import logger from '@adonisjs/core/services/logger'
import { domainEventListeners } from '#core/events/bus'
import type { StoredDomainEvent } from '#core/events/catalog'

/** Delivery records: redone when lost, so they do not wait for the disk. */
const bookkeeping = () => db.connection(ASYNC_COMMIT_CONNECTION)

/** After this many failed attempts a listener gives up on an event ('dead', logged as an error). */
export const MAX_DELIVERY_ATTEMPTS = 8

/** A 'processing' claim older than this belongs to a process that died; it may be re-claimed. */
export const STALE_CLAIM_SECONDS = 300

type ClaimOutcome = 'claimed' | 'done' | 'busy' | 'invisible'

/** PostgreSQL foreign_key_violation: the event row is not visible (yet). */
const FOREIGN_KEY_VIOLATION = '23503'

async function claim(eventId: string, listener: string): Promise<ClaimOutcome> {
  const claimed = await bookkeeping()
    .rawQuery(
      `INSERT INTO domain_event_deliveries (event_id, listener, status, attempts, claimed_at)
     VALUES (?, ?, 'processing', 1, now())
     ON CONFLICT (event_id, listener) DO UPDATE
       SET status = 'processing', attempts = domain_event_deliveries.attempts + 1,
           claimed_at = now(), finished_at = NULL
     WHERE domain_event_deliveries.status = 'failed'
        OR (domain_event_deliveries.status = 'processing'
            AND domain_event_deliveries.claimed_at < now() - make_interval(secs => ?))
     RETURNING attempts`,
      [eventId, listener, STALE_CLAIM_SECONDS]
    )
    .catch((error: { code?: string }) => {
      // Recorded in a savepoint whose outer transaction has not committed (or rolled back):
      // nothing to deliver now; the relay picks the row up once it is committed.
      if (error.code === FOREIGN_KEY_VIOLATION) return null
      throw error
    })
  if (claimed === null) return 'invisible'
  if (claimed.rows.length > 0) return 'claimed'
  const existing = await bookkeeping()
    .from('domain_event_deliveries')
    .where({ event_id: eventId, listener })
    .select('status')
    .first()
  return existing && (existing.status === 'delivered' || existing.status === 'dead')
    ? 'done'
    : 'busy'
}

async function finish(eventId: string, listener: string, error?: unknown) {
  if (error === undefined) {
    await bookkeeping()
      .from('domain_event_deliveries')
      .where({ event_id: eventId, listener })
      .update({ status: 'delivered', finished_at: new Date(), last_error: null })
    return true
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  const client = bookkeeping()
  const [row] = await client
    .from('domain_event_deliveries')
    .where({ event_id: eventId, listener })
    .update({
      status: client.raw(`CASE WHEN attempts >= ? THEN 'dead' ELSE 'failed' END`, [
        MAX_DELIVERY_ATTEMPTS,
      ]),
      finished_at: new Date(),
      last_error: message.slice(0, 4000),
    })
    .returning(['status', 'attempts'])
  const log = { eventId, listener, attempts: row?.attempts, err: error }
  if (row?.status === 'dead') logger.error(log, 'domain event listener gave up')
  else logger.warn(log, 'domain event listener failed; the outbox relay will retry')
  return row?.status === 'dead'
}

/**
 * Runs every listener that has not handled `event` yet. Returns true when all listeners are done
 * (delivered or dead), in which case the row is marked dispatched.
 */
export async function dispatchStoredEvent(event: StoredDomainEvent): Promise<boolean> {
  let complete = true
  for (const { name: listener, handler, filter } of domainEventListeners()) {
    if (filter && !filter(event)) continue
    const outcome = await claim(event.id, listener)
    if (outcome === 'invisible') return false
    if (outcome === 'done') continue
    if (outcome === 'busy') {
      complete = false
      continue
    }
    try {
      await handler(event)
      await finish(event.id, listener)
    } catch (error) {
      const gaveUp = await finish(event.id, listener, error)
      if (!gaveUp) complete = false
    }
  }
  if (complete) {
    await bookkeeping()
      .from('domain_events')
      .where('id', event.id)
      .whereNull('dispatched_at')
      .update({ dispatched_at: new Date() })
  }
  return complete
}

/** Maps a `domain_events` row (snake_case, from a raw query) to the listener-facing shape. */
export function rowToStoredEvent(row: Record<string, any>): StoredDomainEvent {
  return {
    id: row.id,
    tenantId: Number(row.tenant_id),
    type: row.type,
    aggregateType: row.aggregate_type,
    aggregateId: String(row.aggregate_id),
    payload: row.payload,
    actorId: row.actor_id === null || row.actor_id === undefined ? null : Number(row.actor_id),
    occurredAt: row.occurred_at instanceof Date ? row.occurred_at : new Date(row.occurred_at),
  }
}
