import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { truncateAll } from '#tests/helpers/db'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { inertiaPage } from '#tests/helpers/inertia'
import type { WorkflowGraph } from '#workflows/engine/graph'
import { createExecution, createWorkflow, eventInput } from './fixtures.js'
import { clearVersionCache } from '#workflows/runtime/version_cache'
import { invoiceService } from '#invoicing/services/invoice_service'
import { dealService } from '#crm/services/deal_service'
import { createAccount, twoLines } from '../../invoicing/fixtures.js'

const MANUAL_GRAPH: WorkflowGraph = {
  nodes: [
    {
      id: 'start',
      type: 'manual',
      name: 'Start',
      config: {
        fields: [
          { key: 'invoiceId', label: 'Invoice', type: 'number', required: true },
          { key: 'note', label: 'Note', type: 'string' },
        ],
      },
      position: { x: 0, y: 0 },
    },
  ],
  edges: [],
}

const DEAL_GRAPH: WorkflowGraph = {
  nodes: [
    {
      id: 'on-deal',
      type: 'entity_event',
      name: 'Deal won',
      config: { event: 'deal.won' },
      position: { x: 0, y: 0 },
    },
  ],
  edges: [],
}

test.group('Monitor: record automation tab', (group) => {
  group.each.setup(() => truncateAll())

  test('lists triggering workflows, manual workflows and the record’s executions', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('admin')
    const onInvoice = await createWorkflow(tenant.id, { name: 'On invoice paid' })
    await createWorkflow(tenant.id, { name: 'On deal won', graph: DEAL_GRAPH })
    await createWorkflow(tenant.id, { name: 'Send reminder', graph: MANUAL_GRAPH })
    const accountId = await createAccount(tenant.id)
    const invoice = await invoiceService.create(tenant.id, { accountId, lines: twoLines })
    const touched = await createExecution(tenant.id, onInvoice, {
      input: eventInput('invoice', invoice.id, {}),
    })
    await createExecution(tenant.id, onInvoice, {
      input: eventInput('invoice', invoice.id + 1, {}),
    })

    const url = `/api/v1/records/invoice/${invoice.id}/automation`
    const response = await client.get(url).loginAs(user)
    response.assertStatus(200)
    const { data, permissions } = response.body()
    assert.deepEqual(
      data.workflows.map((w: { name: string }) => w.name),
      ['On invoice paid']
    )
    assert.isTrue(data.workflows[0].active)
    assert.deepEqual(data.workflows[0].events, ['invoice.paid'])
    assert.deepEqual(
      data.manualWorkflows.map((w: { name: string; entityField: string }) => [
        w.name,
        w.entityField,
      ]),
      [['Send reminder', 'invoiceId']]
    )
    assert.deepEqual(
      data.executions.map((e: { id: number }) => e.id),
      [touched]
    )
    assert.deepEqual(permissions, { toggle: true, run: true })

    const live = await client.get(url).qs({ part: 'executions' }).loginAs(user)
    assert.deepEqual(Object.keys(live.body().data), ['executions'])
    assert.deepEqual(
      live.body().data.executions.map((e: { id: number }) => e.id),
      [touched]
    )
  })

  test('a viewer reads the tab without toggle or run rights; bad ids are 422, others 404', async ({
    client,
    assert,
  }) => {
    const { tenant } = await createTenantWithUser('owner')
    const viewer = await addMember(tenant, 'viewer')
    const deal = await dealService.create(tenant.id, { name: 'Tabbed' })
    const response = await client.get(`/api/v1/records/deal/${deal.id}/automation`).loginAs(viewer)
    response.assertStatus(200)
    assert.deepEqual(response.body().permissions, { toggle: false, run: false })
    const invalid = await client.get('/api/v1/records/Deal!/5/automation').loginAs(viewer)
    invalid.assertStatus(422)
    // Another tenant's record, a missing one and an unknown entity type: not found.
    const other = await createTenantWithUser('owner')
    const foreign = await dealService.create(other.tenant.id, { name: 'Theirs' })
    for (const path of [`deal/${foreign.id}`, `deal/${deal.id + 1000}`, 'unicorn/5']) {
      const missing = await client.get(`/api/v1/records/${path}/automation`).loginAs(viewer)
      missing.assertStatus(404)
    }
  })
})

test.group('Monitor: metrics', (group) => {
  group.each.setup(() => truncateAll())

  test('counts by status, success rate, percentiles, slow nodes and errors', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const wf = await createWorkflow(tenant.id, { name: 'Metered' })
    for (const duration of [100, 200, 300]) {
      await createExecution(tenant.id, wf, {
        durationMs: duration,
        steps: [
          { nodeId: 'deal', nodeType: 'create_entity', status: 'succeeded', durationMs: duration },
        ],
      })
    }
    await createExecution(tenant.id, wf, {
      status: 'failed',
      durationMs: 400,
      error: { category: 'timeout', message: 'Too slow' },
    })
    await createExecution(tenant.id, wf, { status: 'queued' })

    const response = await client
      .get('/api/v1/monitor/metrics')
      .qs({ range: '24h', workflowId: wf.workflowId })
      .loginAs(user)
    response.assertStatus(200)
    const data = response.body().data
    assert.deepEqual(data.totals, { succeeded: 3, failed: 1, queued: 1 })
    assert.equal(data.successRate, 0.75)
    assert.equal(data.p50Ms, 250)
    assert.approximately(data.p95Ms, 385, 1)
    assert.equal(data.slowestNodes[0].nodeName, 'Create follow-up deal')
    assert.equal(data.slowestNodes[0].runs, 3)
    assert.deepEqual(data.errors, [{ category: 'timeout', count: 1, sample: 'Too slow' }])
    assert.deepEqual(data.queue, [{ status: 'queued', priority: 'normal', count: 1 }])
    assert.equal(data.bucket, 'hour')
    assert.equal(
      data.series.reduce((sum: number, p: { count: number }) => sum + p.count, 0),
      5
    )
  })

  test('schedules show next runs, the last run and missed ticks', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const wf = await createWorkflow(tenant.id, {
      name: 'Hourly digest',
      graph: {
        nodes: [
          {
            id: 'tick',
            type: 'schedule',
            name: 'Every hour',
            config: { cron: '0 * * * *', timezone: 'UTC' },
            position: { x: 0, y: 0 },
          },
        ],
        edges: [],
      },
    })
    // Published 3 hours ago; only the most recent tick ran.
    const publishedAt = new Date(Date.now() - 3 * 3600_000 - 60_000)
    await db.from('workflow_versions').where('id', wf.versionId).update({ created_at: publishedAt })
    const lastTick = new Date(Math.floor(Date.now() / 3600_000) * 3600_000)
    const ran = await createExecution(tenant.id, wf, {
      triggerType: 'schedule',
      createdAt: new Date(lastTick.getTime() + 1000),
    })

    const response = await client.get('/api/v1/monitor/metrics').loginAs(user)
    response.assertStatus(200)
    const [schedule] = response.body().data.schedules
    assert.equal(schedule.workflowName, 'Hourly digest')
    assert.lengthOf(schedule.nextRuns, 3)
    assert.equal(schedule.lastRun.executionId, ran)
    // Hourly ticks after publication that are older than the two-minute tolerance, except the
    // one that ran.
    const expected: string[] = []
    const hour = 3600_000
    for (
      let t = Math.ceil(publishedAt.getTime() / hour) * hour;
      t <= Date.now() - 120_000;
      t += hour
    ) {
      if (t !== lastTick.getTime()) expected.push(new Date(t).toISOString())
    }
    assert.deepEqual(schedule.missedRuns, expected)
    assert.isAtLeast(expected.length, 2)
  })

  test('webhook deliveries: status, latency and signature result', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const hook = (id: string, config: Record<string, unknown>): WorkflowGraph => ({
      nodes: [{ id, type: 'webhook', name: 'Hook', config, position: { x: 0, y: 0 } }],
      edges: [],
    })
    const signed = await createWorkflow(tenant.id, {
      name: 'Signed hook',
      graph: hook('in', {
        token: 'a'.repeat(20),
        signatureSecret: 's3cret',
        respondMode: 'accepted',
      }),
    })
    const open = await createWorkflow(tenant.id, {
      name: 'Open hook',
      graph: hook('in', { token: 'b'.repeat(20), respondMode: 'accepted' }),
    })
    const first = await createExecution(tenant.id, signed, {
      triggerType: 'webhook',
      durationMs: 40,
    })
    const second = await createExecution(tenant.id, open, {
      triggerType: 'webhook',
      status: 'failed',
      durationMs: 90,
    })
    await createExecution(tenant.id, open, { triggerType: 'manual' })

    const response = await client.get('/api/v1/monitor/metrics').loginAs(user)
    response.assertStatus(200)
    const deliveries = response.body().data.webhooks
    assert.deepEqual(
      deliveries.map((d: any) => [d.executionId, d.workflowName, d.status, d.signature]),
      [
        [second, 'Open hook', 'failed', 'unsigned'],
        [first, 'Signed hook', 'succeeded', 'verified'],
      ]
    )
    // Received → finished: 5 ms queueing in the fixture plus the run.
    assert.equal(deliveries[1].latencyMs, 45)
    assert.deepEqual(
      deliveries.map((d: any) => d.httpStatus),
      [202, 202]
    )
  })

  test('webhook deliveries include refused requests with the reason and signature result', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const signed = await createWorkflow(tenant.id, {
      name: 'Signed hook',
      status: 'active',
      graph: {
        nodes: [
          {
            id: 'in',
            type: 'webhook',
            name: 'Hook',
            config: { token: 'c'.repeat(24), signatureSecret: 's3cret', respondMode: 'accepted' },
            position: { x: 0, y: 0 },
          },
        ],
        edges: [],
      },
    })
    // Version ids restart after each truncation: forget versions cached by earlier tests.
    clearVersionCache()
    const url = `/api/v1/hooks/${signed.workflowId}`
    const wrongToken = await client.post(`${url}/${'x'.repeat(24)}`).json({ a: 1 })
    wrongToken.assertStatus(401)
    const badSignature = await client
      .post(`${url}/${'c'.repeat(24)}`)
      .header('x-signature', 'sha256=deadbeef')
      .json({ a: 1 })
    badSignature.assertStatus(403)

    const response = await client.get('/api/v1/monitor/metrics').loginAs(user)
    response.assertStatus(200)
    assert.deepEqual(
      response
        .body()
        .data.webhooks.map((d: any) => [d.executionId, d.status, d.httpStatus, d.signature]),
      [
        [null, 'rejected', 403, 'invalid'],
        [null, 'rejected', 401, 'not checked'],
      ]
    )
  })

  test('the metrics page preselects one of the tenant’s workflows only', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const other = await createTenantWithUser('owner')
    const mine = await createWorkflow(tenant.id, { name: 'Mine' })
    const theirs = await createWorkflow(other.tenant.id, { name: 'Theirs' })

    const page = inertiaPage(
      await client.get('/workflows/metrics').qs({ workflowId: mine.workflowId }).loginAs(user)
    )
    assert.equal(page.component, 'workflows/metrics/index')
    assert.equal(page.props.workflowId, mine.workflowId)
    assert.deepEqual(
      page.props.workflows.map((w: { name: string }) => w.name),
      ['Mine']
    )
    assert.isFalse(page.props.canManageQueues)
    const foreign = inertiaPage(
      await client.get('/workflows/metrics').qs({ workflowId: theirs.workflowId }).loginAs(user)
    )
    assert.isNull(foreign.props.workflowId)
  })
})
