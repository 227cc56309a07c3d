/**
 * Delivers domain events to Wait For steps: a pending event wait of the same tenant and type
 * whose correlation matches is marked matched (first event wins) and its execution woken.
 * The bus delivers each event once to this listener; matchWait is idempotent anyway.
 */
import db from '@adonisjs/lucid/services/db'
import { onDomainEvent } from '#core/events/bus'
import { preparedQuery } from '#core/database/prepared_query'
import {
  correlates,
  matchWait,
  wakeExecution,
  type EventWaitData,
  type MatchedEvent,
} from '#workflows/waits/event_waits'

export const WAIT_FOR_LISTENER = 'workflows.wait_for_event'

export async function deliverToWaits(event: {
  id: string
  tenantId: number
  type: string
  aggregateType: string
  aggregateId: string
  payload: unknown
  occurredAt: Date | string
}): Promise<number> {
  // Runs for every domain event of every tenant: a prepared statement.
  const waits = await preparedQuery<{
    execution_id: number
    node_id: string
    scope_key: string
    payload: unknown
  }>(
    db.connection(),
    `SELECT execution_id, node_id, scope_key, payload FROM execution_waits
     WHERE tenant_id = $1 AND status = 'pending' AND kind = 'event'
       AND payload->>'eventType' = $2 AND payload->'matched' IS NULL`,
    [event.tenantId, event.type]
  )
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
    if (await matchWait(db.connection(), where, matched)) {
      woken++
      await wakeExecution(where.executionId, `w${event.id}`)
    }
  }
  return woken
}

onDomainEvent(WAIT_FOR_LISTENER, async (event) => {
  await deliverToWaits(event)
})
