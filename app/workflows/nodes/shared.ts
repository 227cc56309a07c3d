/**
 * Building blocks shared by node definitions: standard ports, UI-hinted schema options and the
 * normalisation of domain events into trigger outputs.
 */
import type { ExpressionContext } from '../engine/context.js'
import { entityAlias } from '../engine/interpreter.js'
import type { PortDefinition, TriggerEvent, UiHints } from './types.js'

export const IN: PortDefinition = { id: 'in', label: 'Input', kind: 'main' }
export const OUT: PortDefinition = { id: 'out', label: 'Next', kind: 'main' }
export const ERROR: PortDefinition = { id: 'error', label: 'On error', kind: 'error' }

/** Schema options with a title and UI hints: `Type.String(field('URL', 'expression'))`. */
export function field(
  title: string,
  widget: UiHints['widget'],
  extra: Omit<UiHints, 'widget'> & Record<string, unknown> = {}
) {
  const { description, ...hints } = extra as { description?: string } & Record<string, unknown>
  return { title, ...(description ? { description } : {}), ui: { widget, ...hints } }
}

/** What event triggers output: the shape `trigger.*` expressions see. */
export interface EventTriggerOutput {
  event: string
  eventId: string | null
  entityType: string | null
  entityId: string | null
  entity: Record<string, unknown>
  changes: Record<string, { from: unknown; to: unknown }>
  payload: Record<string, unknown>
  occurredAt: string | null
}

export function eventTriggerOutput(event: TriggerEvent): EventTriggerOutput {
  const payload = (
    event.payload && typeof event.payload === 'object' ? event.payload : {}
  ) as Record<string, unknown>
  const entity = (
    payload.entity && typeof payload.entity === 'object' ? payload.entity : {}
  ) as Record<string, unknown>
  const changes = (
    payload.changes && typeof payload.changes === 'object' ? payload.changes : {}
  ) as EventTriggerOutput['changes']
  const entityType =
    event.aggregateType ?? (event.type.includes('.') ? event.type.split('.')[0] : null)
  const occurredAt =
    event.occurredAt instanceof Date ? event.occurredAt.toISOString() : (event.occurredAt ?? null)
  return {
    event: event.type,
    eventId: event.id ?? null,
    entityType,
    entityId:
      event.aggregateId !== undefined
        ? String(event.aggregateId)
        : (entity.id as string | undefined) !== undefined
          ? String(entity.id)
          : null,
    entity,
    changes,
    payload,
    occurredAt,
  }
}

/** Expression context for filters evaluated before an execution exists (trigger matching). */
export function eventContext(event: TriggerEvent): ExpressionContext {
  const trigger = eventTriggerOutput(event)
  const context: ExpressionContext = { trigger, steps: {}, vars: {} }
  const alias = entityAlias(trigger)
  if (alias) context[alias.name] = alias.entity
  return context
}

/** Accepts either a stored event (`{ type, payload, ... }`) or an already normalised output. */
export function asTriggerEvent(input: unknown): TriggerEvent | null {
  if (!input || typeof input !== 'object') return null
  const value = input as Record<string, unknown>
  if (typeof value.type === 'string' && 'payload' in value) return value as unknown as TriggerEvent
  if (typeof value.event === 'string' && 'entity' in value) {
    return {
      id: (value.eventId as string) ?? undefined,
      type: value.event,
      aggregateType: (value.entityType as string) ?? undefined,
      aggregateId: (value.entityId as string) ?? undefined,
      payload: value.payload ?? { entity: value.entity, changes: value.changes },
      occurredAt: (value.occurredAt as string) ?? undefined,
    }
  }
  return null
}
