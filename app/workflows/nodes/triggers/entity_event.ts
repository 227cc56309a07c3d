/**
 * Entity event trigger: any domain event of the ERP modules (#core/events/catalog), optionally
 * filtered by a condition over the event (`invoice.total gt 1000`, `status changed to paid`).
 */
import { Type } from '@sinclair/typebox'
import { DOMAIN_EVENT_TYPES } from '../../../core/events/catalog.js'
import {
  ConditionGroupSchema,
  evaluateConditions,
  type ConditionGroup,
} from '../../engine/conditions.js'
import { NodeError, type NodeDefinition } from '../types.js'
import { OUT, asTriggerEvent, eventContext, eventTriggerOutput, field } from '../shared.js'
import { entitiesOfEvents } from '../../dependencies/entity_events.js'

export const EntityEventConfigSchema = Type.Object({
  event: Type.Union(
    DOMAIN_EVENT_TYPES.map((type) => Type.Literal(type)),
    field('Event', 'event')
  ),
  filter: Type.Optional({ ...ConditionGroupSchema, title: 'Only when' }),
})

export interface EntityEventConfig {
  event: string
  filter?: ConditionGroup
}

export const entityEventTrigger: NodeDefinition<EntityEventConfig> = {
  type: 'entity_event',
  category: 'trigger',
  group: 'Triggers',
  label: 'Entity event',
  icon: 'pi pi-bolt',
  description:
    'Start when something happens in the ERP: an invoice is paid, a payment arrives, stock changes…',
  ports: { inputs: [], outputs: [OUT] },
  configSchema: EntityEventConfigSchema,
  defaults: { event: 'invoice.created', filter: { combinator: 'all', rules: [] } },
  sideEffects: false,
  timeoutMs: 5_000,
  summary: 'On {{event}}',
  dependencies: (config) => ({
    listens: config.event ? [config.event] : [],
    reads: entitiesOfEvents(config.event ? [config.event] : []),
  }),
  trigger: {
    kind: 'event',
    events: (config) => [config.event],
    matches: (config, event) =>
      event.type === config.event && evaluateConditions(config.filter, eventContext(event)),
  },
  async execute(ctx) {
    const event = asTriggerEvent(ctx.input)
    if (!event)
      throw new NodeError('validation', 'The trigger input is not a domain event', {
        code: 'invalid_input',
      })
    return { output: eventTriggerOutput(event) }
  },
}
