/**
 * In-process subscribers of domain events.
 *
 * A listener subscribes to ALL events under a stable, unique name and filters by `event.type` itself.
 * The name is the dedupe key: the dispatcher claims (event id, listener name) in
 * `domain_event_deliveries` before calling the handler, so a listener sees each event once even when
 * the after-commit dispatch and the relay (or two relays) both dispatch it. A handler that throws is
 * retried later by the relay; listeners that already succeeded are not re-run.
 *
 * Why not the AdonisJS emitter directly: the outbox needs to know, per listener, whether it succeeded
 * (to retry only the failed ones), which a fire-and-forget emit cannot report.
 *
 * Listeners are independent of each other: each gets the events in the order they were recorded,
 * but one listener never relies on another having handled the same event first (a dispatch batch
 * runs listener by listener).
 *
 * Register listeners from a preload (e.g. `start/events.ts` or a module's `listeners/` imported by
 * one), so the web server, workers and tests all have the same set.
 */
import type { StoredDomainEvent } from '#core/events/catalog'

export type { StoredDomainEvent } from '#core/events/catalog'

export type DomainEventHandler = (event: StoredDomainEvent) => Promise<void>
export type DomainEventBatchHandler = (events: StoredDomainEvent[]) => Promise<void>

export interface DomainEventListenerOptions {
  /**
   * Cheap, synchronous pre-filter (e.g. by `event.type`): events it rejects skip this listener
   * without any bookkeeping (and the event without a claim when no listener wants it).
   */
  filter?: (event: StoredDomainEvent) => boolean
}

export interface DomainEventListener extends DomainEventListenerOptions {
  name: string
  handler: DomainEventHandler
  /** Set by `onDomainEvents`: handles a batch of events at once. */
  batchHandler?: DomainEventBatchHandler
}

const listeners = new Map<string, DomainEventListener>()

/**
 * Subscribe `handler` to every domain event under `listenerName` (optionally pre-filtered).
 * Returns an unsubscribe function (tests use it). Registering the same name twice replaces the
 * handler (hot reload re-runs preloads).
 */
export function onDomainEvent(
  listenerName: string,
  handler: DomainEventHandler,
  options: DomainEventListenerOptions = {}
): () => void {
  if (!listenerName || listenerName.length > 120) {
    throw new Error('A domain event listener needs a name of 1 to 120 characters')
  }
  const listener = { name: listenerName, handler, filter: options.filter }
  listeners.set(listenerName, listener)
  return () => {
    if (listeners.get(listenerName) === listener) listeners.delete(listenerName)
  }
}

/**
 * Like `onDomainEvent`, for a listener that handles many events at once (e.g. starting the
 * workflows of a hundred events with one insert). It gets the events of a dispatch batch in the
 * order they were recorded; if it throws, every event of the batch counts as failed for it and
 * the relay retries them, so the handler must be idempotent per event.
 */
export function onDomainEvents(
  listenerName: string,
  batchHandler: DomainEventBatchHandler,
  options: DomainEventListenerOptions = {}
): () => void {
  const unsubscribe = onDomainEvent(listenerName, (event) => batchHandler([event]), options)
  listeners.get(listenerName)!.batchHandler = batchHandler
  return unsubscribe
}

/** Snapshot of the current subscribers, in registration order. */
export function domainEventListeners(): DomainEventListener[] {
  return [...listeners.values()]
}
