import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { recordEvent, setAfterCommitDispatch, waitForDispatches } from '#core/events/outbox'
import { OutboxRelay } from '#core/events/relay'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import {
  WEBHOOK_TOKEN,
  chain,
  closeWorkflowConnections,
  node,
  publishedWorkflow,
  resetWorkflowState,
  startWorker,
  waitForStatus,
} from '#tests/helpers/workflows'
import { signWebhookBody } from '#workflows/nodes/triggers/webhook_security'
import { workflowService } from '#workflows/services/workflow_service'
import { fireTick } from '#workflows/triggers/scheduler'
import { activeTriggers } from '#workflows/triggers/trigger_index'
import { handleDomainEvents } from '#workflows/listeners/workflow_triggers'
import type { WorkflowWorker } from '#workflows/runtime/worker'
import type Tenant from '#core/models/tenant'

async function emitLeadCreated(tenant: Tenant, lead: Record<string, unknown>) {
  return db.transaction((trx) =>
    recordEvent(trx, {
      tenantId: tenant.id,
      type: 'lead.created',
      aggregateType: 'lead',
      aggregateId: Number(lead.id),
      payload: { entity: lead },
    })
  )
}

const executionsOf = (workflowId: number) =>
  db.from('executions').where('workflow_id', workflowId).orderBy('id')

test.group('Workflow triggers', (group) => {
  let worker: WorkflowWorker | null = null
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    return async () => {
      setAfterCommitDispatch(true)
      delete process.env.WORKFLOW_WEBHOOK_MAX_BYTES
      await worker?.stop()
      worker = null
    }
  })

  test('entity event: each outbox event starts each matching workflow exactly once', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const hot = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('on_lead', 'entity_event', {
          event: 'lead.created',
          filter: {
            combinator: 'all',
            rules: [{ field: 'lead.score', operator: 'gte', value: 50 }],
          },
        }),
        node('tag', 'set_variables', { variables: { lead: '{{lead.name}}' } })
      ),
      'Hot leads'
    )

    // Dispatched after commit; the relay then runs twice over the same rows.
    const event = await emitLeadCreated(tenant, { id: 1, name: 'Ada', score: 80 })
    await emitLeadCreated(tenant, { id: 2, name: 'Cold', score: 10 })
    await waitForDispatches()
    const relay = new OutboxRelay({ minAgeMs: 0 })
    await db.from('domain_events').update({ dispatched_at: null })
    await relay.runOnce()
    await relay.runOnce()

    const executions = await executionsOf(hot.id)
    assert.lengthOf(executions, 1, 'the cold lead is filtered out, the hot one starts once')
    assert.equal(executions[0].trigger_key, `event:${event.id}`)
    assert.equal(executions[0].input.payload.entity.name, 'Ada')

    worker = await startWorker()
    const done = await waitForStatus(Number(executions[0].id), ['succeeded', 'failed'])
    assert.equal(done.status, 'succeeded')
    assert.deepEqual(done.output, { lead: 'Ada' })
  })

  test('a batch of events starts one execution per event; delivered again, none', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('on_lead', 'entity_event', { event: 'lead.created' }),
        node('v', 'set_variables', { variables: { x: 1 } })
      )
    )
    setAfterCommitDispatch(false)
    const events = []
    for (let id = 1; id <= 3; id++)
      events.push(await emitLeadCreated(tenant, { id, name: `L${id}` }))
    setAfterCommitDispatch(true)

    const started = await handleDomainEvents(events)
    // Delivered again (a relay after a partial failure): the trigger keys already exist.
    const again = await handleDomainEvents(events)

    assert.lengthOf(started, 3)
    assert.deepEqual(again, [])
    const executions = await executionsOf(workflow.id)
    assert.sameMembers(
      executions.map((execution) => execution.trigger_key),
      events.map((event) => `event:${event.id}`)
    )
  })

  test('an event whose after-commit dispatch was lost is delivered by the relay, once', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('on_lead', 'entity_event', { event: 'lead.created' }),
        node('v', 'set_variables', { variables: { x: 1 } })
      )
    )
    setAfterCommitDispatch(false) // the process "crashed" between commit and dispatch
    await emitLeadCreated(tenant, { id: 7, name: 'Late' })
    assert.lengthOf(await executionsOf(workflow.id), 0)
    const first = new OutboxRelay({ minAgeMs: 0 })
    const second = new OutboxRelay({ minAgeMs: 0 })
    await Promise.all([first.runOnce(), second.runOnce()])
    await first.runOnce()
    assert.lengthOf(await executionsOf(workflow.id), 1)
  })

  test('paused workflows stop matching, in every process, and start again when activated', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('on_lead', 'entity_event', { event: 'lead.created' }),
        node('v', 'set_variables', { variables: { x: 1 } })
      )
    )
    await workflowService.pause(workflow)
    await emitLeadCreated(tenant, { id: 1, name: 'A' })
    await waitForDispatches()
    assert.lengthOf(await executionsOf(workflow.id), 0)
    await workflowService.activate(workflow)
    await emitLeadCreated(tenant, { id: 2, name: 'B' })
    await waitForDispatches()
    assert.lengthOf(await executionsOf(workflow.id), 1)
  })

  test('webhook: 401 wrong token, 403 bad signature, 413 oversized, 202 with the execution id', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const secret = 'hmac-secret'
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('hook', 'webhook', { token: WEBHOOK_TOKEN, signatureSecret: secret }),
        node('v', 'set_variables', { variables: { order: '{{trigger.body.order}}' } })
      )
    )
    const url = `/api/v1/hooks/${workflow.id}/${WEBHOOK_TOKEN}`
    const payload = { order: 'A-1' }
    const signature = signWebhookBody(secret, JSON.stringify(payload))

    const wrongToken = await client
      .post(`/api/v1/hooks/${workflow.id}/not-the-token-000000`)
      .json(payload)
      .header('x-signature', signature)
    wrongToken.assertStatus(401)

    const badSignature = await client.post(url).json(payload).header('x-signature', 'sha256=00')
    badSignature.assertStatus(403)
    const unsigned = await client.post(url).json(payload)
    unsigned.assertStatus(403)

    process.env.WORKFLOW_WEBHOOK_MAX_BYTES = '1024'
    const big = { order: 'x'.repeat(2000) }
    const oversized = await client
      .post(url)
      .json(big)
      .header('x-signature', signWebhookBody(secret, JSON.stringify(big)))
    oversized.assertStatus(413)
    assert.lengthOf(await executionsOf(workflow.id), 0, 'refused requests start nothing')

    const accepted = await client.post(url).json(payload).header('x-signature', signature)
    accepted.assertStatus(202)
    const executionId = accepted.body().executionId
    assert.isNumber(executionId)

    worker = await startWorker()
    const done = await waitForStatus(executionId, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { order: 'A-1' })
  })

  test('webhook: wait-for-result answers with the output; Idempotency-Key dedupes', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('hook', 'webhook', {
          token: WEBHOOK_TOKEN,
          respondMode: 'wait',
          waitTimeoutSeconds: 20,
        }),
        node('v', 'set_variables', { variables: { echo: '{{trigger.body.value}}' } })
      )
    )
    worker = await startWorker()
    const url = `/api/v1/hooks/${workflow.id}/${WEBHOOK_TOKEN}`
    const response = await client.post(url).json({ value: 'ping' }).header('idempotency-key', 'k1')
    response.assertStatus(200)
    assert.equal(response.body().status, 'succeeded')
    assert.deepEqual(response.body().output, { echo: 'ping' })

    const again = await client.post(url).json({ value: 'ping' }).header('idempotency-key', 'k1')
    assert.isTrue(again.body().duplicate)
    assert.equal(again.body().executionId, response.body().executionId)
    assert.lengthOf(await executionsOf(workflow.id), 1)
  })

  test('schedule: two schedulers firing the same tick start one execution', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('cron', 'schedule', { cron: '0 * * * *', timezone: 'Europe/Paris' }),
        node('v', 'set_variables', { variables: { at: '{{trigger.scheduledFor}}' } })
      )
    )
    const [trigger] = await activeTriggers({ kind: 'schedule' })
    assert.equal(trigger.workflowId, workflow.id)
    const tick = new Date('2026-11-29T10:00:00.000Z')
    const results = await Promise.all([fireTick(trigger, tick), fireTick(trigger, tick)])
    assert.lengthOf(
      results.filter((id) => id !== null),
      1
    )
    const next = await fireTick(trigger, new Date('2026-11-29T11:00:00.000Z'))
    assert.isNumber(next)
    const executions = await executionsOf(workflow.id)
    assert.deepEqual(
      executions.map((e) => e.trigger_key),
      ['tick:2026-11-29T10:00:00.000Z', 'tick:2026-11-29T11:00:00.000Z']
    )
  })

  test('manual trigger runs with its input; a run of a draft is refused', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const draft = await workflowService.create(tenant.id, user.id, {
      name: 'Draft',
      graph: chain(node('m', 'manual'), node('v', 'set_variables', { variables: { x: 1 } })),
    })
    const { runManually } = await import('#workflows/services/execution_service')
    await assert.rejects(() => runManually(draft, {}), /Publish the workflow/)
    const published = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('m', 'manual'),
        node('v', 'set_variables', { variables: { who: '{{trigger.who}}' } })
      )
    )
    worker = await startWorker()
    const id = await runManually(published, { who: 'me' })
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { who: 'me' })
  })
})
