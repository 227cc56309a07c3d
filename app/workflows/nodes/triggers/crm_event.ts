/**
 * CRM event trigger: lead/deal/activity/contact/quote events with stage and changed-field
 * filters plus an optional condition (e.g. deal moved to "Negotiation" with amount > 10,000).
 */
import { Type } from '@sinclair/typebox'
import { DOMAIN_EVENT_CATALOG, DOMAIN_EVENT_TYPES } from '../../../core/events/catalog.js'
import {
  ConditionGroupSchema,
  evaluateConditions,
  looseEquals,
  type ConditionGroup,
} from '../../engine/conditions.js'
import { NodeError, type NodeDefinition, type TriggerEvent } from '../types.js'
import { OUT, asTriggerEvent, eventContext, eventTriggerOutput, field } from '../shared.js'
import { entitiesOfEvents } from '../../dependencies/entity_events.js'

const CRM_ENTITIES = new Set(['lead', 'deal', 'activity', 'contact', 'quote', 'account'])
export const CRM_EVENT_TYPES = DOMAIN_EVENT_TYPES.filter(
  (type) =>
    DOMAIN_EVENT_CATALOG[type].module === 'crm' &&
    CRM_ENTITIES.has(DOMAIN_EVENT_CATALOG[type].entity)
)

export const CrmEventConfigSchema = Type.Object({
  events: Type.Array(Type.Union(CRM_EVENT_TYPES.map((type) => Type.Literal(type))), {
    minItems: 1,
    uniqueItems: true,
    ...field('Events', 'events', { modules: ['crm'] }),
  }),
  stages: Type.Optional(
    Type.Array(
      Type.String({ minLength: 1 }),
      field('Deal stages', 'list', {
        help: 'Only when the deal is in (or moved to) one of these stages',
      })
    )
  ),
  changedFields: Type.Optional(
    Type.Array(
      Type.String({ minLength: 1 }),
      field('Changed fields', 'list', { help: 'Only when one of these fields changed' })
    )
  ),
  filter: Type.Optional({ ...ConditionGroupSchema, title: 'Only when' }),
})

export interface CrmEventConfig {
  events: string[]
  stages?: string[]
  changedFields?: string[]
  filter?: ConditionGroup
}

function stageOf(event: TriggerEvent): unknown {
  const payload = (event.payload ?? {}) as Record<string, any>
  return payload.to ?? payload.entity?.stageName ?? payload.entity?.stage
}

export function crmEventMatches(config: CrmEventConfig, event: TriggerEvent): boolean {
  if (!config.events?.includes(event.type)) return false
  if (config.stages?.length) {
    const stage = stageOf(event)
    if (!config.stages.some((wanted) => looseEquals(stage, wanted))) return false
  }
  if (config.changedFields?.length) {
    const changes = ((event.payload ?? {}) as Record<string, any>).changes ?? {}
    if (!config.changedFields.some((key) => Object.hasOwn(changes, key))) return false
  }
  return evaluateConditions(config.filter, eventContext(event))
}

export const crmEventTrigger: NodeDefinition<CrmEventConfig> = {
  type: 'crm_event',
  category: 'trigger',
  group: 'CRM',
  label: 'CRM event',
  icon: 'pi pi-users',
  description:
    'Start on lead, deal, activity, contact or quote events, filtered by stage or changed fields.',
  ports: { inputs: [], outputs: [OUT] },
  configSchema: CrmEventConfigSchema,
  defaults: {
    events: ['deal.stage_changed'],
    stages: [],
    changedFields: [],
    filter: { combinator: 'all', rules: [] },
  },
  sideEffects: false,
  timeoutMs: 5_000,
  summary: 'On {{join events ", "}}',
  dependencies: (config) => ({
    listens: config.events ?? [],
    reads: entitiesOfEvents(config.events ?? []),
  }),
  trigger: {
    kind: 'event',
    events: (config) => config.events ?? [],
    matches: crmEventMatches,
  },
  async execute(ctx) {
    const event = asTriggerEvent(ctx.input)
    if (!event)
      throw new NodeError('validation', 'The trigger input is not a CRM event', {
        code: 'invalid_input',
      })
    const output = eventTriggerOutput(event)
    return { output: { ...output, stage: stageOf(event) ?? null } }
  },
}
