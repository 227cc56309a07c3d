/**
 * Delivers domain events to Wait For steps: a pending event wait of the same tenant and type
 * whose correlation matches is marked matched (first event wins) and its execution woken.
 * The bus delivers each event once to this listener; matchWait is idempotent anyway.
 */
import db from '@adonisjs/lucid/services/db'
import { onDomainEvents } from '#core/events/bus'
import { preparedQuery } from '#core/database/prepared_query'
import {
  correlates,
  matchWait,
  wakeExecution,
  type EventWaitData,
  type MatchedEvent,
} from '#workflows/waits/event_waits'

export const WAIT_FOR_LISTENER = 'workflows.wait_for_event'

interface WaitEvent {
  id: string
  tenantId: number
  type: string
  aggregateType: string
  aggregateId: string
  payload: unknown
  occurredAt: Date | string
}

interface PendingEventWait {
  tenant_id: number
  execution_id: number
  node_id: string
  scope_key: string
  payload: unknown
}

/**
 * Matches a batch of events, in order, against the pending event waits of their tenants and
 * types (read with one query): the first correlating event wins a wait. Returns how many waits
 * were matched.
 */
export async function deliverToWaits(batch: WaitEvent[]): Promise<number> {
  if (batch.length === 0) return 0
  // Runs for every domain event of every tenant: one prepared statement per batch, on the
  // (tenant, status) index.
  const waits = await preparedQuery<PendingEventWait>(
    db.connection(),
    `SELECT tenant_id, execution_id, node_id, scope_key, payload FROM execution_waits
     WHERE tenant_id = ANY($1::bigint[]) AND status = 'pending' AND kind = 'event'
       AND payload->'matched' IS NULL
       AND (tenant_id, payload->>'eventType') IN (
         SELECT * FROM unnest($1::bigint[], $2::text[]))`,
    [batch.map((event) => event.tenantId), batch.map((event) => event.type)]
  )
  let woken = 0
  for (const event of batch) {
    const candidates = waits.filter(
      (wait) =>
        Number(wait.tenant_id) === event.tenantId &&
        (wait.payload as EventWaitData).eventType === event.type
    )
    if (candidates.length > 0) woken += await deliverOne(event, candidates)
  }
  return woken
}

async function deliverOne(event: WaitEvent, waits: PendingEventWait[]) {
  const matched: MatchedEvent = {
    id: event.id,
    type: event.type,
    aggregateType: event.aggregateType,
    aggregateId: String(event.aggregateId),
    payload: (event.payload ?? {}) as Record<string, unknown>,
    occurredAt: new Date(event.occurredAt).toISOString(),
  }
  let woken = 0
  for (const wait of waits) {
    const data = wait.payload as EventWaitData
    if (!correlates(data, matched)) continue
    const where = {
      executionId: Number(wait.execution_id),
      nodeId: wait.node_id,
      scopeKey: wait.scope_key,
    }
    // Idempotent, and false once an earlier event of the batch has taken the wait.
    if (await matchWait(db.connection(), where, matched)) {
      woken++
      await wakeExecution(where.executionId, `w${event.id}`)
    }
  }
  return woken
}

onDomainEvents(WAIT_FOR_LISTENER, async (events) => {
  await deliverToWaits(events)
})
