/**
 * Transactional outbox: `recordEvent` writes the event in the caller's transaction, so the event
 * exists if and only if the change that caused it was committed. After commit the event is dispatched
 * in-process (in the background: the request does not wait for listeners); if the process dies
 * between commit and dispatch, or a listener fails, the relay (`#core/events/relay`) re-dispatches
 * the row later. Listeners are deduplicated per (event id, listener), see `#core/events/dispatcher`.
 *
 * Tests (and short-lived commands that want listeners to finish) await `waitForDispatches()`.
 */
import { randomUUID } from 'node:crypto'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DomainEventMap, DomainEventType, StoredDomainEvent } from '#core/events/catalog'
import { dispatchStoredEvents } from '#core/events/dispatcher'
import { preparedQuery } from '#core/database/prepared_query'

export interface RecordEventInput<T extends DomainEventType> {
  tenantId: number
  type: T
  /** Entity registry name of the aggregate ('lead', 'deal', 'invoice', ...). */
  aggregateType: string
  aggregateId: number | string
  payload: DomainEventMap[T]
  /** The user who caused the change; null for system jobs and automations without a user. */
  actorId?: number | null
}

const pending = new Set<Promise<unknown>>()

/**
 * Suppresses the after-commit dispatch (the relay still delivers). Only for tests that simulate a
 * crash between commit and dispatch.
 */
let afterCommitDispatchEnabled = true
export function setAfterCommitDispatch(enabled: boolean) {
  afterCommitDispatchEnabled = enabled
}

/** Events recorded in a transaction that has not committed yet, in recording order. */
const recordedIn = new WeakMap<TransactionClientContract, StoredDomainEvent[]>()

/** Committed transactions' events not dispatched yet: one group per transaction, in order. */
const committed: StoredDomainEvent[][] = []

/** Dispatch loops running at once; each takes whole batches of committed events. */
const MAX_DISPATCH_LOOPS = 2
/** Events per dispatch batch (a transaction's events always stay in one batch). */
const MAX_BATCH_EVENTS = 200
let dispatchLoops = 0

function takeBatch() {
  const batch: StoredDomainEvent[] = []
  while (committed.length > 0 && batch.length < MAX_BATCH_EVENTS) batch.push(...committed.shift()!)
  return batch
}

async function dispatchBatch(batch: StoredDomainEvent[]) {
  try {
    await dispatchStoredEvents(batch)
  } catch (error) {
    logger.warn(
      { err: error, eventIds: batch.map((event) => event.id) },
      'after-commit dispatch failed; relay will retry'
    )
  }
}

/**
 * Hands one transaction's events to the after-commit dispatch. Events are dispatched in batches
 * (dispatcher.ts: two bookkeeping statements per batch, and batch listeners such as the workflow
 * triggers start a whole batch's executions with one insert): when events commit faster than one
 * batch is dispatched, the next batch holds everything committed meanwhile. An idle process
 * dispatches each transaction's events at once, as a batch of its own. A listener sees each
 * transaction's events in the order they were recorded (deal.created before that deal's
 * deal.stage_changed).
 */
function dispatchInBackground(events: StoredDomainEvent[]) {
  committed.push(events)
  if (dispatchLoops >= MAX_DISPATCH_LOOPS) return
  dispatchLoops++
  const run = (async () => {
    try {
      // Deferred so a nested transaction (savepoint) whose outer transaction has not committed
      // yet cannot make the dispatcher wait on that transaction from inside it.
      await new Promise((resolve) => setImmediate(resolve))
      while (committed.length > 0) await dispatchBatch(takeBatch())
    } finally {
      // In the same tick as the last emptiness check: a transaction committing now either was
      // taken by this loop or finds a free loop slot.
      dispatchLoops--
    }
  })()
  pending.add(run)
  run.finally(() => pending.delete(run))
}

/** Inserts the event inside `trx` and schedules its dispatch once `trx` commits. */
export async function recordEvent<T extends DomainEventType>(
  trx: TransactionClientContract,
  input: RecordEventInput<T>
): Promise<StoredDomainEvent<T>> {
  const event: StoredDomainEvent<T> = {
    id: randomUUID(),
    tenantId: input.tenantId,
    type: input.type,
    aggregateType: input.aggregateType,
    aggregateId: String(input.aggregateId),
    // Round-trip through JSON so listeners in this process see exactly what the relay would load.
    payload: JSON.parse(JSON.stringify(input.payload)),
    actorId: input.actorId ?? null,
    occurredAt: new Date(),
  }
  // clock_timestamp() (microseconds, advancing within a transaction) keeps the events of one
  // transaction in the order they were recorded.
  // Every change of every module records its events here: a prepared statement.
  const [row] = await preparedQuery<{ occurred_at: Date }>(
    trx,
    `INSERT INTO domain_events (id, tenant_id, type, aggregate_type, aggregate_id, payload,
       actor_id, occurred_at, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp(), clock_timestamp())
     RETURNING occurred_at`,
    [
      event.id,
      event.tenantId,
      event.type,
      event.aggregateType,
      event.aggregateId,
      JSON.stringify(event.payload),
      event.actorId,
    ]
  )
  event.occurredAt = new Date(row.occurred_at)
  const batch = recordedIn.get(trx)
  if (batch) {
    batch.push(event)
  } else {
    recordedIn.set(trx, [event])
    trx.after('commit', () => {
      const events = recordedIn.get(trx) ?? []
      recordedIn.delete(trx)
      if (afterCommitDispatchEnabled) dispatchInBackground(events)
    })
    trx.after('rollback', () => {
      recordedIn.delete(trx)
    })
  }
  return event
}

/** Resolves when every after-commit dispatch started so far (and any it triggers) has finished. */
export async function waitForDispatches(): Promise<void> {
  while (pending.size > 0) {
    await Promise.allSettled([...pending])
  }
}
