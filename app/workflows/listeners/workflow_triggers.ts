/**
 * Starts workflows from domain events. The outbox bus delivers each event once to this listener
 * (dedupe per listener), and the executions table's unique (version, trigger key = event id)
 * makes a redelivery after a partial failure harmless: each event starts each matching workflow
 * version exactly once.
 */
import logger from '@adonisjs/core/services/logger'
import { onDomainEvent, type StoredDomainEvent } from '#core/events/bus'
import { triggerIndex } from '#workflows/triggers/trigger_index'
import { startExecutions } from '#workflows/services/execution_service'
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

export async function handleDomainEvent(event: StoredDomainEvent): Promise<number[]> {
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
  if (matching.length === 0) return []
  const requests = matching.map((trigger) => ({
    tenantId: event.tenantId,
    workflowId: trigger.workflowId,
    versionId: trigger.versionId,
    triggerType: trigger.node.type,
    triggerKey: `event:${event.id}`,
    priority: trigger.priority,
    input,
  }))
  let ids: Array<number | null>
  try {
    ids = await startExecutions(requests)
  } catch (error) {
    // A version deleted since the index was built (FK violation): rebuild on the redelivery.
    if ((error as { code?: string }).code === '23503') triggerIndex.clear()
    throw error
  }
  return ids.filter((id): id is number => id !== null)
}

onDomainEvent(TRIGGER_LISTENER, async (event) => {
  await handleDomainEvent(event)
})
