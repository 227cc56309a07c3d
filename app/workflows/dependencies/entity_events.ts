/**
 * Which domain events a write to an entity causes, and which entity an event carries: the link
 * between "this workflow writes deals" and "workflows listening to deal events start". Pure data
 * over the event catalog, so node definitions (which run in the browser too) can use it in their
 * `dependencies` hooks.
 *
 * The catalog does not say which operation records which event, so it is read from the names:
 * a create records the entity's "came into being" event (created, logged, received, …); an update
 * records its "…updated" event, plus the state changes an update can make (a deal moved to another
 * stage, won or lost; an activity marked done).
 */
import {
  DOMAIN_EVENT_CATALOG,
  DOMAIN_EVENT_TYPES,
  type DomainEventType,
} from '../../core/events/catalog.js'

const CREATE_VERBS = new Set([
  'created',
  'logged',
  'received',
  'submitted',
  'uploaded',
  'item_created',
  'milestone_added',
])
const UPDATE_VERBS = new Set(['updated', 'item_updated', 'milestone_updated'])
/** State changes the entity services record when an update moves the record there. */
const UPDATE_STATE_EVENTS: Partial<Record<string, DomainEventType[]>> = {
  deal: ['deal.stage_changed', 'deal.won', 'deal.lost'],
  activity: ['activity.completed'],
}

function verbOf(type: string) {
  return type.slice(type.indexOf('.') + 1)
}

/** The entity (registry name) whose snapshot an event carries; null for an unknown event. */
export function entityOfEvent(type: string): string | null {
  return (
    (DOMAIN_EVENT_CATALOG as Record<string, { entity: string } | undefined>)[type]?.entity ?? null
  )
}

/** Events recorded when a workflow creates or updates a record of `entity`. */
export function eventsCausedByWrite(entity: string, operation: 'create' | 'update'): string[] {
  const verbs = operation === 'create' ? CREATE_VERBS : UPDATE_VERBS
  const events: string[] = DOMAIN_EVENT_TYPES.filter(
    (type) => DOMAIN_EVENT_CATALOG[type].entity === entity && verbs.has(verbOf(type))
  )
  if (operation === 'update') events.push(...(UPDATE_STATE_EVENTS[entity] ?? []))
  return events
}

/** Entities carried by a list of event types, without duplicates or unknown events. */
export function entitiesOfEvents(types: string[]): string[] {
  const entities = types.map(entityOfEvent).filter((name): name is string => name !== null)
  return [...new Set(entities)]
}
