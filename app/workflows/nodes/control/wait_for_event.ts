/**
 * Wait For: pauses until a domain event of a given type whose payload field equals a correlation
 * value arrives (e.g. `payment.received` where `entity.invoiceId` = `{{trigger.entity.id}}`),
 * or takes the `timed_out` port after the timeout. Matching and the look-back that catches
 * events arriving just before the wait is registered live in app/workflows/waits/event_waits.ts.
 */
import { Type } from '@sinclair/typebox'
import { DOMAIN_EVENT_TYPES } from '../../../core/events/catalog.js'
import { parseDuration } from '../../engine/duration.js'
import { NodeError, type NodeDefinition } from '../types.js'
import { IN, field } from '../shared.js'
import { entitiesOfEvents } from '../../dependencies/entity_events.js'

export interface WaitForEventConfig {
  event: string
  matchField?: string
  matchValue?: string
  timeout?: string
}

export const MAX_EVENT_WAIT_MS = 366 * 86_400_000

export const waitForEventNode: NodeDefinition<WaitForEventConfig> = {
  type: 'wait_for_event',
  category: 'control',
  group: 'Control',
  label: 'Wait For Event',
  icon: 'pi pi-clock',
  description:
    'Pause until a matching event happens (e.g. a payment for this invoice), or continue on "timed out".',
  ports: {
    inputs: [IN],
    outputs: [
      { id: 'received', label: 'Event received', kind: 'main' },
      { id: 'timed_out', label: 'Timed out', kind: 'main' },
    ],
  },
  configSchema: Type.Object({
    event: Type.Union(
      DOMAIN_EVENT_TYPES.map((type) => Type.Literal(type)),
      field('Event', 'event')
    ),
    matchField: Type.Optional(
      Type.String({
        maxLength: 200,
        ...field('Where event field', 'text', {
          placeholder: 'entity.invoiceId',
          help: 'Path in the event payload, or aggregateId; empty: any event of this type',
        }),
      })
    ),
    matchValue: Type.Optional(
      Type.String({
        maxLength: 500,
        ...field('Equals', 'expression', { placeholder: '{{trigger.entity.id}}' }),
      })
    ),
    timeout: Type.Optional(
      Type.String(field('Timeout', 'duration', { placeholder: '7d', help: 'Empty: wait forever' }))
    ),
  }),
  defaults: {
    event: 'payment.received',
    matchField: 'entity.invoiceId',
    matchValue: '',
    timeout: '7d',
  },
  sideEffects: false,
  timeoutMs: 5_000,
  summary: '{{event}}{{#if matchField}} where {{matchField}} = {{matchValue}}{{/if}}',
  dependencies: (config) => ({
    listens: config.event ? [config.event] : [],
    reads: entitiesOfEvents(config.event ? [config.event] : []),
  }),
  async execute(ctx) {
    const { event, matchField, matchValue, timeout } = ctx.config
    if (!event)
      throw new NodeError('validation', 'Choose the event to wait for', { code: 'no_event' })
    let until: string | undefined
    if (timeout) {
      const ms = parseDuration(timeout)
      if (ms === null || ms > MAX_EVENT_WAIT_MS)
        throw new NodeError('validation', `"${timeout}" is not a timeout up to one year`, {
          code: 'invalid_duration',
        })
      until = new Date(Date.now() + ms).toISOString()
    }
    const path = matchField?.trim() || null
    if (path && (matchValue === undefined || String(matchValue).trim() === '')) {
      throw new NodeError('validation', `The value to match ${path} against is empty`, {
        code: 'empty_correlation',
      })
    }
    const data = {
      eventType: event,
      matchField: path,
      matchValue: path ? String(matchValue).trim() : null,
      since: new Date().toISOString(),
    }
    return {
      output: {
        event,
        matchField: data.matchField,
        matchValue: data.matchValue,
        timeoutAt: until ?? null,
      },
      wait: { kind: 'event', ...(until ? { until } : {}), data },
    }
  },
}
