import { test } from '@japa/runner'
import { nodeRegistry } from '#workflows/nodes/registry'
import { generateWebhookToken } from '#workflows/nodes/triggers/webhook'
import {
  signWebhookBody,
  verifyWebhookSignature,
  verifyWebhookToken,
} from '#workflows/nodes/triggers/webhook_security'
import { nextScheduleRuns } from '#workflows/nodes/triggers/schedule'
import type { TriggerEvent } from '#workflows/nodes/types'
import { failed, ok, runType } from './node_context.js'

const invoicePaid: TriggerEvent = {
  id: '7d7c9b7e-0000-4000-8000-000000000001',
  type: 'invoice.updated',
  aggregateType: 'invoice',
  aggregateId: '12',
  payload: {
    entity: { id: 12, number: 'INV-12', totalMinor: 250000, status: 'paid' },
    changes: { status: { from: 'sent', to: 'paid' } },
  },
  occurredAt: new Date('2026-02-01T10:00:00Z'),
}

test.group('Trigger nodes', () => {
  test('manual: coerces input to the form and refuses missing/invalid fields', async ({
    assert,
  }) => {
    const fields = [
      { key: 'amount', label: 'Amount', type: 'number', required: true },
      { key: 'urgent', label: 'Urgent', type: 'boolean' },
      { key: 'email', label: 'Email', type: 'email' },
      { key: 'region', label: 'Region', type: 'string', default: 'EU' },
    ]
    const good = ok(
      await runType('manual', { fields }, { input: { amount: '12.5', urgent: 'true' } })
    )
    assert.deepEqual(good.result.output, { amount: 12.5, urgent: true, region: 'EU' })
    const bad = failed(await runType('manual', { fields }, { input: { email: 'nope' } }))
    assert.equal(bad.category, 'validation')
    assert.deepEqual(bad.details?.errors, {
      amount: 'Amount is required',
      email: 'Email must be an email address',
    })
  })

  test('entity_event: listens to its event, filters with conditions, normalises the payload', async ({
    assert,
  }) => {
    const definition = nodeRegistry.getOrFail('entity_event')
    const config = {
      event: 'invoice.updated',
      filter: {
        combinator: 'all',
        rules: [
          { field: 'invoice.status', operator: 'changed_to', value: 'paid' },
          { field: 'invoice.totalMinor', operator: 'gt', value: 100000 },
        ],
      },
    }
    assert.deepEqual(definition.trigger!.events!(config), ['invoice.updated'])
    assert.isTrue(definition.trigger!.matches!(config, invoicePaid))
    assert.isFalse(
      definition.trigger!.matches!(config, { ...invoicePaid, type: 'invoice.created' })
    )
    assert.isFalse(
      definition.trigger!.matches!(
        {
          ...config,
          filter: {
            combinator: 'all',
            rules: [{ field: 'invoice.totalMinor', operator: 'gt', value: 10 ** 9 }],
          },
        },
        invoicePaid
      )
    )
    const run = ok(
      await runType('entity_event', config, { input: JSON.parse(JSON.stringify(invoicePaid)) })
    )
    assert.containSubset(run.result.output, {
      event: 'invoice.updated',
      eventId: invoicePaid.id,
      entityType: 'invoice',
      entityId: '12',
      entity: { number: 'INV-12' },
      changes: { status: { from: 'sent', to: 'paid' } },
      occurredAt: '2026-02-01T10:00:00.000Z',
    })
    assert.equal(
      failed(await runType('entity_event', config, { input: 'nope' })).category,
      'validation'
    )
  })

  test('crm_event: events, stage filter and changed-field filter', async ({ assert }) => {
    const definition = nodeRegistry.getOrFail('crm_event')
    const moved: TriggerEvent = {
      type: 'deal.stage_changed',
      aggregateType: 'deal',
      aggregateId: 3,
      payload: {
        entity: { id: 3, amountMinor: 5_000_000 },
        changes: { stageId: { from: 1, to: 2 } },
        from: 'Proposal',
        to: 'Negotiation',
      },
    }
    const config = { events: ['deal.stage_changed', 'deal.won'], stages: ['negotiation'] }
    assert.deepEqual(definition.trigger!.events!(config), ['deal.stage_changed', 'deal.won'])
    assert.isTrue(definition.trigger!.matches!(config, moved))
    assert.isFalse(definition.trigger!.matches!({ ...config, stages: ['Won'] }, moved))
    assert.isTrue(
      definition.trigger!.matches!(
        { events: ['deal.stage_changed'], changedFields: ['stageId'] },
        moved
      )
    )
    assert.isFalse(
      definition.trigger!.matches!(
        { events: ['deal.stage_changed'], changedFields: ['amountMinor'] },
        moved
      )
    )
    assert.isFalse(definition.trigger!.matches!({ events: ['lead.created'] }, moved))
    const run = ok(await runType('crm_event', config, { input: moved }))
    assert.equal(run.result.output.stage, 'Negotiation')
    assert.equal(run.result.output.entityType, 'deal')
    const catalogTypes = (definition.configSchema as any).properties.events.items.anyOf.map(
      (s: any) => s.const
    )
    assert.includeMembers(catalogTypes, [
      'lead.created',
      'deal.stage_changed',
      'activity.logged',
      'contact.created',
      'quote.accepted',
    ])
    assert.notInclude(catalogTypes, 'invoice.paid')
  })

  test('webhook: token and HMAC signature checks, request as output', async ({ assert }) => {
    const token = generateWebhookToken()
    assert.match(token, /^[A-Za-z0-9_-]{32}$/)
    assert.isTrue(verifyWebhookToken({ token }, token))
    assert.isFalse(verifyWebhookToken({ token }, token.slice(1)))
    assert.isFalse(verifyWebhookToken({ token: '' }, ''))
    const body = '{"order":1}'
    const signature = signWebhookBody('s3cret', body)
    assert.isTrue(verifyWebhookSignature({ signatureSecret: 's3cret' }, body, signature))
    assert.isFalse(verifyWebhookSignature({ signatureSecret: 's3cret' }, body + ' ', signature))
    assert.isFalse(verifyWebhookSignature({ signatureSecret: 's3cret' }, body, null))
    assert.isTrue(
      verifyWebhookSignature({}, body, null),
      'no secret configured: unsigned requests pass'
    )
    const run = ok(
      await runType(
        'webhook',
        { token, respondMode: 'accepted', waitTimeoutSeconds: 10 },
        { input: { method: 'POST', body: { order: 1 }, headers: { 'x-a': '1' }, query: {} } }
      )
    )
    assert.deepEqual(run.result.output.body, { order: 1 })
  })

  test('schedule: next runs honour the time zone', async ({ assert }) => {
    const runs = nextScheduleRuns(
      { cron: '0 9 * * *', timezone: 'Europe/Paris' },
      2,
      new Date('2026-01-10T00:00:00Z')
    )
    assert.deepEqual(
      runs.map((d) => d.toISOString()),
      ['2026-01-10T08:00:00.000Z', '2026-01-11T08:00:00.000Z']
    )
    assert.deepEqual(nextScheduleRuns({ cron: 'bad', timezone: 'UTC' }, 2), [])
    const run = ok(
      await runType(
        'schedule',
        { cron: '0 9 * * *', timezone: 'UTC' },
        { input: { scheduledFor: '2026-01-10T09:00:00Z' } }
      )
    )
    assert.equal(run.result.output.scheduledFor, '2026-01-10T09:00:00Z')
  })
})
