/**
 * Delivers one stored event to every in-process listener, at most once per (event, listener).
 *
 * Claim protocol on `domain_event_deliveries` (primary key event_id + listener):
 *   INSERT status 'processing' ... ON CONFLICT DO UPDATE only when the previous attempt 'failed' or a
 *   'processing' claim is stale (its process died mid-handler). A returned row = we own the delivery;
 *   no row = someone else delivered it, gave up, or is running it right now.
 * The event counts as dispatched (`dispatched_at`) once every listener is delivered or dead.
 * All listeners of an event are claimed in one statement and their outcomes written in another
 * (with the dispatched mark): event intake costs two bookkeeping statements per event, not two
 * per listener plus one.
 * These records commit asynchronously (core/database/commit_mode.ts): if a database crash loses
 * some, the relay delivers again, and a stale claim is taken over after STALE_CLAIM_SECONDS.
 */

import db from '@adonisjs/lucid/services/db'
import { ASYNC_COMMIT_CONNECTION } from '#core/database/commit_mode'
import { preparedQuery } from '#core/database/prepared_query'
import logger from '@adonisjs/core/services/logger'
import { domainEventListeners } from '#core/events/bus'
import type { StoredDomainEvent } from '#core/events/catalog'

/** Delivery records: redone when lost, so they do not wait for the disk. */
const bookkeeping = () => db.connection(ASYNC_COMMIT_CONNECTION)

/** After this many failed attempts a listener gives up on an event ('dead', logged as an error). */
export const MAX_DELIVERY_ATTEMPTS = 8

/** A 'processing' claim older than this belongs to a process that died; it may be re-claimed. */
export const STALE_CLAIM_SECONDS = 300

/** PostgreSQL foreign_key_violation: the event row is not visible (yet). */
const FOREIGN_KEY_VIOLATION = '23503'

/**
 * Claims the event for every listener in one statement. Returns the listeners now owned by us,
 * or null when the event row is not visible: recorded in a savepoint whose outer transaction has
 * not committed (or rolled back); the relay picks the row up once it is committed.
 */
async function claimAll(eventId: string, listeners: string[]): Promise<Set<string> | null> {
  const claimed = await preparedQuery<{ listener: string }>(
    bookkeeping(),
    `INSERT INTO domain_event_deliveries (event_id, listener, status, attempts, claimed_at)
     SELECT $1::uuid, listener, 'processing', 1, now() FROM unnest($2::text[]) AS listener
     ON CONFLICT (event_id, listener) DO UPDATE
       SET status = 'processing', attempts = domain_event_deliveries.attempts + 1,
           claimed_at = now(), finished_at = NULL
     WHERE domain_event_deliveries.status = 'failed'
        OR (domain_event_deliveries.status = 'processing'
            AND domain_event_deliveries.claimed_at < now() - make_interval(secs => $3::int))
     RETURNING listener`,
    [eventId, listeners, STALE_CLAIM_SECONDS]
  ).catch((error: { code?: string }) => {
    if (error.code === FOREIGN_KEY_VIOLATION) return null
    throw error
  })
  if (claimed === null) return null
  return new Set(claimed.map((row) => row.listener))
}

/** Listeners we could not claim that are still owed the event (running elsewhere, or failed). */
async function stillOwed(eventId: string, listeners: string[]): Promise<boolean> {
  if (listeners.length === 0) return false
  const rows = await bookkeeping()
    .from('domain_event_deliveries')
    .where('event_id', eventId)
    .whereIn('listener', listeners)
    .select('status')
  return (
    rows.length < listeners.length ||
    rows.some((row) => row.status !== 'delivered' && row.status !== 'dead')
  )
}

interface Outcome {
  listener: string
  error?: unknown
}

const describe = (error: unknown) =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 4000)

/**
 * Records every outcome and, when nothing is left owed, marks the event dispatched, in one
 * statement. Returns whether the event is dispatched.
 */
async function finishAll(eventId: string, outcomes: Outcome[], othersOwed: boolean) {
  const rows = await preparedQuery<{ listener: string; status: string; attempts: number }>(
    bookkeeping(),
    `WITH outcome AS (
       SELECT * FROM unnest($1::text[], $2::text[]) AS o(listener, error)
     ), finished AS (
       UPDATE domain_event_deliveries d
          SET status = CASE WHEN o.error IS NULL THEN 'delivered'
                            WHEN d.attempts >= $3::int THEN 'dead' ELSE 'failed' END,
              finished_at = now(), last_error = o.error
         FROM outcome o
        WHERE d.event_id = $4::uuid AND d.listener = o.listener
       RETURNING d.listener, d.status, d.attempts
     ), dispatched AS (
       UPDATE domain_events SET dispatched_at = now()
        WHERE id = $4::uuid AND dispatched_at IS NULL AND NOT $5::boolean
          AND NOT EXISTS (SELECT 1 FROM finished WHERE status = 'failed')
     )
     SELECT listener, status, attempts FROM finished`,
    [
      outcomes.map((outcome) => outcome.listener),
      // NULL = delivered.
      outcomes.map((outcome) => ('error' in outcome ? describe(outcome.error) : null)),
      MAX_DELIVERY_ATTEMPTS,
      eventId,
      othersOwed,
    ]
  )
  for (const outcome of outcomes) {
    if (!('error' in outcome)) continue
    const row = rows.find((candidate) => candidate.listener === outcome.listener)
    const log = { eventId, listener: outcome.listener, attempts: row?.attempts, err: outcome.error }
    if (row?.status === 'dead') logger.error(log, 'domain event listener gave up')
    else logger.warn(log, 'domain event listener failed; the outbox relay will retry')
  }
  return !othersOwed && rows.every((row) => row.status !== 'failed')
}

/**
 * Runs every listener that has not handled `event` yet, in registration order. Returns true
 * when all listeners are done (delivered or dead), in which case the row is marked dispatched.
 * The bookkeeping is two statements per event whatever the number of listeners: one claim for
 * all of them, one write of all outcomes (with the dispatched mark).
 */
export async function dispatchStoredEvent(event: StoredDomainEvent): Promise<boolean> {
  const listeners = domainEventListeners().filter(({ filter }) => !filter || filter(event))
  const names = listeners.map((listener) => listener.name)
  // No interested listener: no claim, only the dispatched mark.
  const claimed = names.length > 0 ? await claimAll(event.id, names) : new Set<string>()
  if (claimed === null) return false
  const othersOwed = await stillOwed(
    event.id,
    names.filter((name) => !claimed.has(name))
  )
  const outcomes: Outcome[] = []
  for (const { name, handler } of listeners) {
    if (!claimed.has(name)) continue
    try {
      await handler(event)
      outcomes.push({ listener: name })
    } catch (error) {
      outcomes.push({ listener: name, error })
    }
  }
  return finishAll(event.id, outcomes, othersOwed)
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
