import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import { createExecution, createWorkflow, eventInput } from './fixtures.js'

const API = '/api/v1/monitor/executions'

test.group('Monitor: executions search', (group) => {
  group.each.setup(() => truncateAll())

  test('filters by workflow, status, trigger type, error category and duration', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const a = await createWorkflow(tenant.id, { name: 'Dunning' })
    const b = await createWorkflow(tenant.id, { name: 'Onboarding' })
    const ok = await createExecution(tenant.id, a, { durationMs: 50 })
    const slow = await createExecution(tenant.id, a, { durationMs: 5000 })
    const failed = await createExecution(tenant.id, b, {
      status: 'failed',
      triggerType: 'webhook',
      error: { category: 'timeout', message: 'Upstream took too long' },
    })
    const auth = await createExecution(tenant.id, b, {
      status: 'failed',
      error: { category: 'auth', message: 'Bad credentials' },
    })

    const ids = async (qs: Record<string, string | number>) => {
      const response = await client.get(API).qs(qs).loginAs(user)
      response.assertStatus(200)
      return (response.body().data as Array<{ id: number }>).map((row) => row.id)
    }

    assert.deepEqual(await ids({ workflowId: a.workflowId }), [slow, ok])
    assert.deepEqual(await ids({ status: 'failed' }), [auth, failed])
    assert.deepEqual(await ids({ status: 'succeeded,failed', workflowId: b.workflowId }), [
      auth,
      failed,
    ])
    assert.deepEqual(await ids({ triggerType: 'webhook' }), [failed])
    assert.deepEqual(await ids({ errorCategory: 'timeout' }), [failed])
    assert.deepEqual(await ids({ minDurationMs: 1000 }), [slow])
    assert.deepEqual(await ids({ maxDurationMs: 1000, workflowId: a.workflowId }), [ok])

    const response = await client.get(API).qs({ errorCategory: 'auth' }).loginAs(user)
    const row = response.body().data[0]
    assert.equal(row.workflowName, 'Onboarding')
    assert.equal(row.errorMessage, 'Bad credentials')
  })

  test('filters by date range', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const wf = await createWorkflow(tenant.id)
    const old = await createExecution(tenant.id, wf, {
      createdAt: new Date('2026-01-10T10:00:00Z'),
    })
    const mid = await createExecution(tenant.id, wf, {
      createdAt: new Date('2026-02-10T10:00:00Z'),
    })
    await createExecution(tenant.id, wf, { createdAt: new Date('2026-03-10T10:00:00Z') })

    const response = await client
      .get(API)
      .qs({ from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' })
      .loginAs(user)
    response.assertStatus(200)
    assert.deepEqual(
      response.body().data.map((r: { id: number }) => r.id),
      [mid, old]
    )
  })

  test('filters by related entity: the trigger record and records created by steps', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const wf = await createWorkflow(tenant.id)
    const forInvoice = await createExecution(tenant.id, wf, {
      input: eventInput('invoice', 1042, { number: 'INV-1042' }),
      steps: [
        { nodeId: 'trigger', nodeType: 'entity_event', status: 'succeeded', output: {} },
        { nodeId: 'deal', nodeType: 'create_entity', status: 'succeeded', output: { id: 77 } },
      ],
    })
    await createExecution(tenant.id, wf, { input: eventInput('invoice', 1043, {}) })
    const manual = await createExecution(tenant.id, wf, {
      triggerType: 'manual',
      input: { invoiceId: 1042 },
    })

    const byInvoice = await client.get(API).qs({ entity: 'invoice:1042' }).loginAs(user)
    byInvoice.assertStatus(200)
    assert.deepEqual(
      byInvoice.body().data.map((r: { id: number }) => r.id),
      [manual, forInvoice]
    )
    const roles = byInvoice.body().data[1].subjects.map((s: any) => `${s.entityType}:${s.role}`)
    assert.includeMembers(roles, ['invoice:trigger', 'deal:created'])

    const byDeal = await client.get(API).qs({ entityType: 'deal', entityId: '77' }).loginAs(user)
    assert.deepEqual(
      byDeal.body().data.map((r: { id: number }) => r.id),
      [forInvoice]
    )
  })

  test('searches text inside execution and step payloads', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const wf = await createWorkflow(tenant.id)
    const inInput = await createExecution(tenant.id, wf, {
      input: eventInput('invoice', 1, { customer: 'Globex Corporation' }),
    })
    const inStep = await createExecution(tenant.id, wf, {
      steps: [
        {
          nodeId: 'notify',
          nodeType: 'notification',
          status: 'succeeded',
          output: { message: 'Reminder sent to jane@globex.example' },
        },
      ],
    })
    await createExecution(tenant.id, wf, {
      input: eventInput('invoice', 2, { customer: 'Initech' }),
    })

    const search = async (q: string) => {
      const response = await client.get(API).qs({ q }).loginAs(user)
      response.assertStatus(200)
      return response.body().data.map((r: { id: number }) => r.id)
    }
    assert.deepEqual(await search('globex corp'), [inInput])
    assert.deepEqual(await search('reminder'), [inStep])
    assert.deepEqual(await search('jane@globex.example'), [inStep])
    assert.deepEqual(await search('initech globex'), [])
    // Keys are not text: only values are searched.
    assert.deepEqual(await search('customer'), [])
  })

  test('keyset pagination walks every row once, for each sort', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const wf = await createWorkflow(tenant.id)
    const created: Array<{ id: number; duration: number }> = []
    // Pairs created in the same microsecond: the id breaks the tie, the cursor keeps it.
    const at = (i: number) => new Date(Date.UTC(2026, 10, 1, 0, 0, Math.floor(i / 2)))
    for (const [i, duration] of [30, 10, 50, 10, 70, 20, 60].entries()) {
      const id = await createExecution(tenant.id, wf, { durationMs: duration, createdAt: at(i) })
      created.push({ id, duration })
    }

    const walk = async (sort: string) => {
      const seen: number[] = []
      let cursor: string | null = null
      for (let page = 0; page < 10; page++) {
        const qs: Record<string, string | number> = { sort, limit: 3 }
        if (cursor) qs.cursor = cursor
        const response = await client.get(API).qs(qs).loginAs(user)
        response.assertStatus(200)
        const body = response.body()
        assert.isAtMost(body.data.length, 3)
        seen.push(...body.data.map((r: { id: number }) => r.id))
        cursor = body.nextCursor
        if (!cursor) break
      }
      return seen
    }

    const byId = created.map((c) => c.id)
    assert.deepEqual(await walk('newest'), [...byId].reverse())
    assert.deepEqual(await walk('oldest'), byId)
    const slowest = [...created]
      .sort((x, y) => y.duration - x.duration || y.id - x.id)
      .map((c) => c.id)
    assert.deepEqual(await walk('slowest'), slowest)
    assert.deepEqual(await walk('fastest'), [...slowest].reverse())
  })

  test('rejects invalid filters with the field in the error', async ({ client, assert }) => {
    const { user } = await createTenantWithUser('viewer')
    const response = await client.get(API).qs({ status: 'exploded' }).loginAs(user)
    response.assertStatus(422)
    assert.equal(response.body().errors[0].field, 'status')
  })

  test('never returns another tenant’s executions', async ({ client, assert }) => {
    const mine = await createTenantWithUser('viewer')
    const other = await createTenantWithUser('owner')
    const wf = await createWorkflow(other.tenant.id)
    await createExecution(other.tenant.id, wf, {
      input: eventInput('invoice', 5, { customer: 'Hooli' }),
    })
    const response = await client.get(API).qs({ q: 'hooli' }).loginAs(mine.user)
    response.assertStatus(200)
    assert.lengthOf(response.body().data, 0)
    const byEntity = await client.get(API).qs({ entity: 'invoice:5' }).loginAs(mine.user)
    assert.lengthOf(byEntity.body().data, 0)
  })

  test('odd inputs never make the subject triggers fail an execution write', async ({ assert }) => {
    const { tenant } = await createTenantWithUser('viewer')
    const wf = await createWorkflow(tenant.id)
    const longKey = `${'x'.repeat(120)}Id`
    const id = await createExecution(tenant.id, wf, {
      triggerType: 'manual',
      input: {
        [longKey]: 1,
        dealId: { nested: true },
        purchaseOrderId: 'PO-7',
        aggregateType: 'Bad Type!',
      },
      steps: [
        {
          nodeId: 'missing-node',
          nodeType: 'create_entity',
          status: 'succeeded',
          output: { id: 3 },
        },
      ],
    })
    const subjects = await db.from('execution_subjects').where('execution_id', id).select('*')
    assert.deepEqual(
      subjects.map((s) => `${s.entity_type}:${s.entity_id}:${s.role}`),
      ['purchase_order:PO-7:input']
    )
  })
})
