/**
 * Starts workflows from domain events. The outbox bus delivers each event once to this listener
 * (dedupe per listener), and the executions table's unique (version, trigger key = event id)
 * makes a redelivery after a partial failure harmless: each event starts each matching workflow
 * version exactly once.
 */
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { ASYNC_COMMIT_CONNECTION } from '#core/database/commit_mode'
import { onDomainEvents, type StoredDomainEvent } from '#core/events/bus'
import { triggerIndex } from '#workflows/triggers/trigger_index'
import { startExecutions, type StartRequest } from '#workflows/services/execution_service'
import type { TriggerEvent } from '#workflows/nodes/types'

export const TRIGGER_LISTENER = 'workflows.triggers'

export function triggerInput(event: StoredDomainEvent) {
  return {
    id: event.id,
    type: event.type,
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
    payload: event.payload,
    actorId: event.actorId,
    occurredAt: new Date(event.occurredAt).toISOString(),
  }
}

/** The executions an event starts: one per matching trigger of a published workflow version. */
async function startRequests(event: StoredDomainEvent): Promise<StartRequest[]> {
  const candidates = await triggerIndex.forEvent(event.tenantId, event.type)
  if (candidates.length === 0) return []
  const input = triggerInput(event)
  const matching = candidates.filter((trigger) => {
    const matches = trigger.definition.trigger?.matches
    try {
      return matches ? matches(trigger.node.config, input as TriggerEvent) : true
    } catch (error) {
      logger.warn({ err: error, workflowId: trigger.workflowId }, 'trigger filter failed')
      return false
    }
  })
  return matching.map((trigger) => ({
    tenantId: event.tenantId,
    workflowId: trigger.workflowId,
    versionId: trigger.versionId,
    triggerType: trigger.node.type,
    triggerKey: `event:${event.id}`,
    priority: trigger.priority,
    input,
  }))
}

/**
 * Starts the workflows of a batch of events with one insert and one enqueue. Returns the new
 * execution ids (an event already handled starts nothing: its trigger keys exist).
 */
export async function handleDomainEvents(events: StoredDomainEvent[]): Promise<number[]> {
  const requests: StartRequest[] = []
  for (const event of events) requests.push(...(await startRequests(event)))
  if (requests.length === 0) return []
  let ids: Array<number | null>
  try {
    // Committed without waiting for the disk: the events themselves are on disk, and if a crash
    // of PostgreSQL lost these rows it lost this delivery's record too (written after them, and
    // the WAL is a prefix), so the relay delivers the events again (at the latest once the claim
    // is stale) and the unique trigger keys start each execution once (commit_mode.ts).
    ids = await startExecutions(requests, db.connection(ASYNC_COMMIT_CONNECTION))
  } catch (error) {
    // A version deleted since the index was built (FK violation): rebuild on the redelivery.
    if ((error as { code?: string }).code === '23503') triggerIndex.clear()
    throw error
  }
  return ids.filter((id): id is number => id !== null)
}

onDomainEvents(TRIGGER_LISTENER, async (events) => {
  await handleDomainEvents(events)
})
