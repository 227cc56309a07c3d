/**
 * Delivers stored events to every in-process listener, at most once per (event, listener).
 *
 * Claim protocol on `domain_event_deliveries` (primary key event_id + listener):
 *   INSERT status 'processing' ... ON CONFLICT DO UPDATE only when the previous attempt 'failed' or a
 *   'processing' claim is stale (its process died mid-handler). A returned row = we own the delivery;
 *   no row = someone else delivered it, gave up, or is running it right now.
 * The event counts as dispatched (`dispatched_at`) once every listener is delivered or dead.
 * All deliveries of a batch of events are claimed in one statement and their outcomes written in
 * another (with the dispatched marks): two bookkeeping statements per batch, whatever the number
 * of events and listeners.
 * These records commit asynchronously (core/database/commit_mode.ts): if a database crash loses
 * some, the relay delivers again, and a stale claim is taken over after STALE_CLAIM_SECONDS.
 */

import db from '@adonisjs/lucid/services/db'
import { ASYNC_COMMIT_CONNECTION } from '#core/database/commit_mode'
import { preparedQuery } from '#core/database/prepared_query'
import logger from '@adonisjs/core/services/logger'
import { domainEventListeners, type DomainEventListener } from '#core/events/bus'
import type { StoredDomainEvent } from '#core/events/catalog'

/** Delivery records: redone when lost, so they do not wait for the disk. */
const bookkeeping = () => db.connection(ASYNC_COMMIT_CONNECTION)

/** After this many failed attempts a listener gives up on an event ('dead', logged as an error). */
export const MAX_DELIVERY_ATTEMPTS = 8

/** A 'processing' claim older than this belongs to a process that died; it may be re-claimed. */
export const STALE_CLAIM_SECONDS = 300

/** PostgreSQL foreign_key_violation: the event row is not visible (yet). */
const FOREIGN_KEY_VIOLATION = '23503'

/** Key of one (event, listener) delivery. */
const deliveryKey = (eventId: string, listener: string) => `${eventId}|${listener}`

interface Delivery {
  eventId: string
  listener: string
}

/**
 * Claims every (event, listener) delivery of a batch in one statement. Returns the deliveries now
 * owned by us, or null when an event row is not visible: recorded in a savepoint whose outer
 * transaction has not committed (or rolled back); the relay picks the row up once it is committed.
 */
async function claimAll(deliveries: Delivery[]): Promise<Set<string> | null> {
  if (deliveries.length === 0) return new Set()
  const claimed = await preparedQuery<{ event_id: string; listener: string }>(
    bookkeeping(),
    `INSERT INTO domain_event_deliveries (event_id, listener, status, attempts, claimed_at)
     SELECT d.event_id, d.listener, 'processing', 1, now()
     FROM unnest($1::uuid[], $2::text[]) AS d(event_id, listener)
     ON CONFLICT (event_id, listener) DO UPDATE
       SET status = 'processing', attempts = domain_event_deliveries.attempts + 1,
           claimed_at = now(), finished_at = NULL
     WHERE domain_event_deliveries.status = 'failed'
        OR (domain_event_deliveries.status = 'processing'
            AND domain_event_deliveries.claimed_at < now() - make_interval(secs => $3::int))
     RETURNING event_id, listener`,
    [
      deliveries.map((delivery) => delivery.eventId),
      deliveries.map((delivery) => delivery.listener),
      STALE_CLAIM_SECONDS,
    ]
  ).catch((error: { code?: string }) => {
    if (error.code === FOREIGN_KEY_VIOLATION) return null
    throw error
  })
  if (claimed === null) return null
  return new Set(claimed.map((row) => deliveryKey(row.event_id, row.listener)))
}

/**
 * Of the deliveries we could not claim, the events still owed something (a listener running
 * elsewhere, or failed): those must not be marked dispatched.
 */
async function eventsStillOwed(deliveries: Delivery[]): Promise<Set<string>> {
  if (deliveries.length === 0) return new Set()
  const rows = await preparedQuery<{ event_id: string; listener: string; status: string }>(
    bookkeeping(),
    `SELECT event_id, listener, status FROM domain_event_deliveries
     WHERE (event_id, listener) IN (
       SELECT * FROM unnest($1::uuid[], $2::text[]))`,
    [
      deliveries.map((delivery) => delivery.eventId),
      deliveries.map((delivery) => delivery.listener),
    ]
  )
  const done = new Set(
    rows
      .filter((row) => row.status === 'delivered' || row.status === 'dead')
      .map((row) => deliveryKey(row.event_id, row.listener))
  )
  return new Set(
    deliveries
      .filter((delivery) => !done.has(deliveryKey(delivery.eventId, delivery.listener)))
      .map((delivery) => delivery.eventId)
  )
}

interface Outcome extends Delivery {
  error?: unknown
}

const describe = (error: unknown) =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 4000)

/**
 * Records every outcome of a batch and marks dispatched each event with nothing left owed, in
 * one statement. Returns the ids of the events that are now dispatched.
 */
async function finishAll(
  eventIds: string[],
  outcomes: Outcome[],
  owed: Set<string>
): Promise<Set<string>> {
  const rows = await preparedQuery<{
    event_id: string
    listener: string
    status: string
    attempts: number
  }>(
    bookkeeping(),
    `WITH outcome AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) AS o(event_id, listener, error)
     ), finished AS (
       UPDATE domain_event_deliveries d
          SET status = CASE WHEN o.error IS NULL THEN 'delivered'
                            WHEN d.attempts >= $4::int THEN 'dead' ELSE 'failed' END,
              finished_at = now(), last_error = o.error
         FROM outcome o
        WHERE d.event_id = o.event_id AND d.listener = o.listener
       RETURNING d.event_id, d.listener, d.status, d.attempts
     ), dispatched AS (
       UPDATE domain_events e SET dispatched_at = now()
        WHERE e.id = ANY($5::uuid[]) AND e.dispatched_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM finished f WHERE f.event_id = e.id AND f.status = 'failed')
     )
     SELECT event_id, listener, status, attempts FROM finished`,
    [
      outcomes.map((outcome) => outcome.eventId),
      outcomes.map((outcome) => outcome.listener),
      // NULL = delivered.
      outcomes.map((outcome) => ('error' in outcome ? describe(outcome.error) : null)),
      MAX_DELIVERY_ATTEMPTS,
      eventIds.filter((id) => !owed.has(id)),
    ]
  )
  // Keyed once: a batch can hold hundreds of outcomes (a lookup per row would be quadratic).
  const errors = new Map(
    outcomes
      .filter((outcome) => 'error' in outcome)
      .map((outcome) => [deliveryKey(outcome.eventId, outcome.listener), outcome.error])
  )
  const failed = new Set<string>()
  for (const row of rows) {
    if (row.status === 'failed') failed.add(row.event_id)
    const key = deliveryKey(row.event_id, row.listener)
    if (!errors.has(key)) continue
    const log = { eventId: row.event_id, listener: row.listener, attempts: row.attempts }
    const err = errors.get(key)
    if (row.status === 'dead') {
      logger.error({ ...log, err }, 'domain event listener gave up')
    } else {
      logger.warn({ ...log, err }, 'domain event listener failed; the outbox relay will retry')
    }
  }
  return new Set(eventIds.filter((id) => !owed.has(id) && !failed.has(id)))
}

/** Runs one listener on its claimed events of a batch, in order; one outcome per event. */
async function runListener(listener: DomainEventListener, events: StoredDomainEvent[]) {
  const outcomes: Outcome[] = []
  if (listener.batchHandler) {
    try {
      await listener.batchHandler(events)
      for (const event of events) outcomes.push({ eventId: event.id, listener: listener.name })
    } catch (error) {
      for (const event of events) {
        outcomes.push({ eventId: event.id, listener: listener.name, error })
      }
    }
    return outcomes
  }
  for (const event of events) {
    try {
      await listener.handler(event)
      outcomes.push({ eventId: event.id, listener: listener.name })
    } catch (error) {
      outcomes.push({ eventId: event.id, listener: listener.name, error })
    }
  }
  return outcomes
}

/**
 * Runs every listener that has not handled the batch's events yet, in registration order; each
 * listener gets its events in the order they were recorded (a batch listener all at once).
 * Returns, per event, whether it is done (every listener delivered or dead), in which case its
 * row is marked dispatched. The bookkeeping is two statements per batch whatever the number of
 * events and listeners: one claim for all deliveries, one write of all outcomes (with the
 * dispatched marks). Under load the after-commit dispatch hands over whole batches of recent
 * events (outbox.ts), so intake costs a fraction of a statement per event.
 */
export async function dispatchStoredEvents(events: StoredDomainEvent[]): Promise<boolean[]> {
  if (events.length === 0) return []
  if (new Set(events.map((event) => event.id)).size < events.length) {
    // The same event twice (never from the outbox): one claim statement cannot hold both.
    return oneByOne(events)
  }
  const listeners = domainEventListeners()
  const wanted = events.map((event) => listeners.filter(({ filter }) => !filter || filter(event)))
  const deliveries = events.flatMap((event, index) =>
    wanted[index].map((listener) => ({ eventId: event.id, listener: listener.name }))
  )
  const claimed = await claimAll(deliveries)
  if (claimed === null) {
    // One event of the batch is not visible yet: the others go on one by one.
    if (events.length === 1) return [false]
    return oneByOne(events)
  }
  const owed = await eventsStillOwed(
    deliveries.filter((delivery) => !claimed.has(deliveryKey(delivery.eventId, delivery.listener)))
  )
  const outcomes: Outcome[] = []
  for (const listener of listeners) {
    const mine = events.filter((event) => claimed.has(deliveryKey(event.id, listener.name)))
    if (mine.length > 0) outcomes.push(...(await runListener(listener, mine)))
  }
  const dispatched = await finishAll(
    events.map((event) => event.id),
    outcomes,
    owed
  )
  return events.map((event) => dispatched.has(event.id))
}

async function oneByOne(events: StoredDomainEvent[]) {
  const done: boolean[] = []
  for (const event of events) done.push(...(await dispatchStoredEvents([event])))
  return done
}

/** Dispatches one event: a batch of one. */
export async function dispatchStoredEvent(event: StoredDomainEvent): Promise<boolean> {
  const [done] = await dispatchStoredEvents([event])
  return done
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
