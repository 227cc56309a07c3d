import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import {
  chain,
  closeWorkflowConnections,
  edge,
  node,
  publishedWorkflow,
  resetWorkflowState,
  startWorker,
  waitForStatus,
} from '#tests/helpers/workflows'
import { runManually } from '#workflows/services/execution_service'
import { workflowService } from '#workflows/services/workflow_service'
import type { WorkflowWorker } from '#workflows/runtime/worker'
import ExecutionStep from '#workflows/models/execution_step'
import { insertExecutions } from '#workflows/runtime/execution_store'
import { sweepOnce } from '#workflows/runtime/sweeper'

const stepsOf = (executionId: number) =>
  ExecutionStep.query().where('execution_id', executionId).orderBy('seq').orderBy('id')

test.group('Workflow runtime', (group) => {
  let worker: WorkflowWorker | null = null
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    return async () => {
      await worker?.stop()
      worker = null
    }
  })

  test('version pinning: a v1 execution waiting in a delay finishes on v1 after v2 is published', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const graphFor = (label: string) =>
      chain(
        node('start', 'manual'),
        node('pause', 'delay', { mode: 'until', until: '{{trigger.resumeAt}}' }),
        node('mark', 'set_variables', { variables: { version: label } })
      )
    const workflow = await publishedWorkflow(tenant.id, user.id, graphFor('v1'))
    worker = await startWorker()

    const resumeAt = new Date(Date.now() + 1500).toISOString()
    const first = await runManually(workflow, { resumeAt })
    const waiting = await waitForStatus(first, ['waiting'])
    assert.equal(waiting.status, 'waiting')
    const wait = await db.from('execution_waits').where('execution_id', first).first()
    assert.equal(wait.kind, 'delay')
    assert.equal(new Date(wait.resume_at).toISOString(), resumeAt)

    await workflowService.saveDraft(workflow, graphFor('v2'))
    const v2 = await workflowService.publish(workflow, user.id, 'second')
    assert.equal(v2.number, 2)

    const done = await waitForStatus(first, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { version: 'v1' })
    assert.notEqual(done.versionId, v2.id)
    const firstSteps = await stepsOf(first)
    const delayStep = firstSteps.find((s) => s.nodeId === 'pause')!
    assert.equal(delayStep.status, 'succeeded')

    const second = await runManually(workflow, { resumeAt: new Date().toISOString() })
    const secondDone = await waitForStatus(second, ['succeeded', 'failed'])
    assert.deepEqual(secondDone.output, { version: 'v2' })
    assert.equal(secondDone.versionId, v2.id)
  })

  test('cancel: a waiting execution is cancelled once; its wait is dropped', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(node('start', 'manual'), node('pause', 'delay', { mode: 'duration', duration: '1h' }))
    )
    worker = await startWorker()
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['waiting'])
    const response = await client
      .post(`/api/v1/executions/${id}/cancel`)
      .json({})
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(200)
    assert.equal(response.body().data.status, 'cancelled')
    const wait = await db.from('execution_waits').where('execution_id', id).first()
    assert.equal(wait.status, 'cancelled')
    const again = await client
      .post(`/api/v1/executions/${id}/cancel`)
      .json({})
      .withCsrfToken()
      .loginAs(user)
    again.assertStatus(409)
  })

  test('notification and create-entity steps commit with their checkpoints', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('tell', 'notification', {
          recipients: { roles: ['owner'] },
          title: 'New lead {{trigger.name}}',
          link: '/crm/leads',
        }),
        node('lead', 'create_entity', {
          entity: 'lead',
          data: { name: '{{trigger.name}}', source: 'website' },
        })
      )
    )
    worker = await startWorker()
    const id = await runManually(workflow, { name: 'Grace' })
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.equal(done.status, 'succeeded', JSON.stringify(done.error))

    const leads = await db.from('crm_leads').where('tenant_id', tenant.id)
    assert.lengthOf(leads, 1)
    assert.equal(leads[0].name, 'Grace')
    const steps = await stepsOf(id)
    assert.deepEqual(
      steps.map((s) => [s.nodeId, s.status, s.idempotencyKey]),
      [
        ['start', 'succeeded', `${id}:start:`],
        ['tell', 'succeeded', `${id}:tell:`],
        ['lead', 'succeeded', `${id}:lead:`],
      ]
    )

    const bell = await client.get('/api/v1/notifications').loginAs(user)
    bell.assertStatus(200)
    assert.equal(bell.body().meta.unread, 1)
    assert.equal(bell.body().data[0].title, 'New lead Grace')
    assert.equal(bell.body().meta.channel, `tenants/${tenant.id}/users/${user.id}/notifications`)
    const read = await client
      .post(`/api/v1/notifications/${bell.body().data[0].id}/read`)
      .json({})
      .withCsrfToken()
      .loginAs(user)
    read.assertStatus(200)
    const after = await client.get('/api/v1/notifications').loginAs(user)
    assert.equal(after.body().meta.unread, 0)
  })

  test('a failing step fails the execution with a categorised error; error ports route around it', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const failing = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('call', 'http_request', { method: 'GET', url: 'http://10.0.0.1/' })
      )
    )
    worker = await startWorker()
    const id = await runManually(failing, {})
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.equal(done.status, 'failed')
    assert.equal(done.error?.nodeId, 'call')
    assert.equal(done.error?.category, 'validation')

    const graph = chain(
      node('start', 'manual'),
      node('call', 'http_request', { method: 'GET', url: 'http://10.0.0.1/' })
    )
    graph.nodes.push(
      node('fallback', 'set_variables', { variables: { handled: '{{error.category}}' } })
    )
    graph.edges.push(edge('call', 'error', 'fallback'))
    const handled = await publishedWorkflow(tenant.id, user.id, graph, 'With fallback')
    const routed = await waitForStatus(await runManually(handled, {}), ['succeeded', 'failed'])
    assert.equal(routed.status, 'succeeded')
    const steps = await stepsOf(routed.id)
    assert.deepEqual(
      steps.map((s) => [s.nodeId, s.status]),
      [
        ['start', 'succeeded'],
        ['call', 'failed'],
        ['fallback', 'succeeded'],
      ]
    )
  })

  test('condition, parallel and loop steps are checkpointed per branch and iteration', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const graph = {
      nodes: [
        node('start', 'manual'),
        node('check', 'condition', {
          conditions: {
            combinator: 'all',
            rules: [{ field: 'trigger.amount', operator: 'gt', value: 100 }],
          },
        }),
        node('big', 'set_variables', { variables: { size: 'big' } }),
        node('small', 'set_variables', { variables: { size: 'small' } }),
        node('each', 'loop', { items: '{{json trigger.items}}' }),
        node('item', 'set_variables', { variables: { seen: '{{loop.item}}' } }),
        node('fan', 'parallel'),
        node('p1', 'set_variables', { variables: { one: 1 } }),
        node('p2', 'set_variables', { variables: { two: 2 } }),
        node('join', 'set_variables', { variables: { both: '{{vars.one}}+{{vars.two}}' } }),
      ],
      edges: [
        edge('start', 'out', 'check'),
        edge('check', 'true', 'big'),
        edge('check', 'false', 'small'),
        edge('big', 'out', 'each'),
        edge('each', 'body', 'item'),
        edge('each', 'done', 'fan'),
        edge('fan', 'branch_1', 'p1'),
        edge('fan', 'branch_2', 'p2'),
        edge('p1', 'out', 'join'),
        edge('p2', 'out', 'join'),
      ],
      variables: {},
    }
    const workflow = await publishedWorkflow(tenant.id, user.id, graph)
    worker = await startWorker()
    const id = await runManually(workflow, { amount: 500, items: ['a', 'b', 'c'] })
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.equal(done.status, 'succeeded', JSON.stringify(done.error))
    const steps = await stepsOf(id)
    const byKey = Object.fromEntries(steps.map((s) => [`${s.nodeId}@${s.scopeKey}`, s.status]))
    assert.equal(byKey['small@'], 'skipped')
    assert.equal(byKey['big@'], 'succeeded')
    assert.equal(byKey['item@each:0'], 'succeeded')
    assert.equal(byKey['item@each:2'], 'succeeded')
    const loopStep = steps.find((s) => s.nodeId === 'each')!
    assert.equal((loopStep.output as { count: number }).count, 3)
    assert.lengthOf(
      steps.filter((s) => s.nodeId === 'join'),
      1,
      'the join runs once'
    )
    assert.deepEqual(done.output, { both: '1+2' })
  })

  test('the sweeper re-enqueues an execution whose job was lost', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(node('start', 'manual'), node('v', 'set_variables', { variables: { ok: true } }))
    )
    // The row exists but its job never reached Redis (crash between the two).
    const [id] = await insertExecutions([
      {
        tenantId: tenant.id,
        workflowId: workflow.id,
        versionId: workflow.activeVersionId!,
        triggerType: 'manual',
        priority: 'normal',
        input: {},
      },
    ])
    worker = await startWorker()
    assert.equal(await sweepOnce(60_000), 0, 'a fresh queued row is left alone')
    assert.equal(await sweepOnce(0), 1)
    const done = await waitForStatus(id!, ['succeeded', 'failed'])
    assert.equal(done.status, 'succeeded')
  })

  test('a worker stopping gracefully releases its execution at a step boundary', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('a', 'set_variables', { variables: { a: 1 } }),
        node('b', 'set_variables', { variables: { b: 2 } })
      )
    )
    const stopping = { stopping: true }
    const { ExecutionRunner } = await import('#workflows/runtime/executor')
    const id = await runManually(workflow, {})
    const outcome = await new ExecutionRunner('leaving-worker', 5000).run(id, stopping)
    assert.equal(outcome, 'released')
    const released = await db.from('executions').where('id', id).first()
    assert.equal(released.status, 'queued')
    assert.isNull(released.lease_owner)
    worker = await startWorker()
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { b: 2 })
  })

  test('two workers racing for one fresh execution: one runs it, the effect happens once', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('tell', 'notification', { recipients: { roles: ['owner'] }, title: 'Once' })
      )
    )
    const { ExecutionRunner } = await import('#workflows/runtime/executor')
    const id = await runManually(workflow, {})
    const outcomes = await Promise.all([
      new ExecutionRunner('worker-a', 5000).run(id),
      new ExecutionRunner('worker-b', 5000).run(id),
    ])
    assert.sameMembers(outcomes, ['succeeded', 'skipped'])
    const notifications = await db.from('notifications').where('tenant_id', tenant.id)
    assert.lengthOf(notifications, 1)
  })
})
