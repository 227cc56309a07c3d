import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { truncateAll } from '#tests/helpers/db'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { inertiaPage } from '#tests/helpers/inertia'
import { PAYLOAD_LIMIT } from '#workflows/monitoring/execution_view'
import { LINEAR_GRAPH, createExecution, createWorkflow, eventInput } from './fixtures.js'

test.group('Monitor: execution viewer and authorization', (group) => {
  group.each.setup(() => truncateAll())

  test('the viewer page renders the execution with graph, node metadata and steps', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const wf = await createWorkflow(tenant.id, { name: 'Paid invoice follow-up' })
    const id = await createExecution(tenant.id, wf, {
      status: 'running',
      input: eventInput('invoice', 1042, {}),
      steps: [
        { nodeId: 'trigger', nodeType: 'entity_event', status: 'succeeded', output: { ok: 1 } },
        { nodeId: 'deal', nodeType: 'create_entity', status: 'running' },
      ],
    })

    const response = await client.get(`/executions/${id}`).loginAs(user)
    response.assertStatus(200)
    const page = inertiaPage(response)
    assert.equal(page.component, 'workflows/executions/show')
    const execution = page.props.execution
    assert.equal(execution.workflowName, 'Paid invoice follow-up')
    assert.lengthOf(execution.graph.nodes, LINEAR_GRAPH.nodes.length)
    assert.equal(execution.nodes.deal.label, 'Create record')
    assert.deepEqual(
      execution.nodes.deal.outputs.map((p: { id: string }) => p.id),
      ['out', 'error']
    )
    assert.deepEqual(
      execution.steps.map((s: { nodeId: string; status: string }) => `${s.nodeId}:${s.status}`),
      ['trigger:succeeded', 'deal:running']
    )
    assert.deepEqual(execution.steps[0].output, { truncated: false, value: { ok: 1 } })
    assert.deepEqual(execution.subjects, [
      { entityType: 'invoice', entityId: '1042', role: 'trigger' },
    ])
    assert.isTrue(page.props.actions.cancel)
  })

  test('a replay links back to its original and the original lists its replays', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const wf = await createWorkflow(tenant.id)
    const original = await createExecution(tenant.id, wf, { status: 'failed' })
    const replay = await createExecution(tenant.id, wf, { status: 'succeeded' })
    await db.from('executions').where('id', replay).update({ replay_of_execution_id: original })

    const replayView = await client.get(`/api/v1/monitor/executions/${replay}`).loginAs(user)
    assert.equal(replayView.body().data.replayOfExecutionId, original)
    const originalView = await client.get(`/api/v1/monitor/executions/${original}`).loginAs(user)
    assert.deepEqual(originalView.body().data.replayIds, [replay])
    assert.isNull(originalView.body().data.replayOfExecutionId)
    assert.deepEqual(originalView.body().actions, {
      cancel: true,
      retry: true,
      skip: true,
      replay: true,
    })
  })

  test('large payloads are truncated and loaded in full on demand', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const wf = await createWorkflow(tenant.id)
    const big = { rows: Array.from({ length: 2000 }, (_, i) => ({ i, text: 'lorem ipsum' })) }
    const id = await createExecution(tenant.id, wf, {
      steps: [{ nodeId: 'deal', nodeType: 'create_entity', status: 'succeeded', output: big }],
    })

    const view = await client.get(`/api/v1/monitor/executions/${id}`).loginAs(user)
    view.assertStatus(200)
    const output = view.body().data.steps[0].output
    assert.isTrue(output.truncated)
    assert.isAbove(output.size, PAYLOAD_LIMIT)
    assert.isTrue(output.preview.startsWith('{"rows": [{"i": 0'))

    const stepId = view.body().data.steps[0].id
    const full = await client
      .get(`/api/v1/monitor/executions/${id}/payload`)
      .qs({ part: 'output', stepId })
      .loginAs(user)
    full.assertStatus(200)
    assert.deepEqual(full.body().data, big)
  })

  test('a viewer sees no actions and cannot cancel or replay', async ({ client, assert }) => {
    const { tenant } = await createTenantWithUser('owner')
    const viewer = await addMember(tenant, 'viewer')
    const wf = await createWorkflow(tenant.id)
    const id = await createExecution(tenant.id, wf, { status: 'queued' })

    const page = inertiaPage(await client.get(`/executions/${id}`).loginAs(viewer))
    assert.deepEqual(page.props.actions, {
      cancel: false,
      retry: false,
      skip: false,
      replay: false,
    })
    const cancel = await client
      .post(`/api/v1/executions/${id}/cancel`)
      .withCsrfToken()
      .loginAs(viewer)
    cancel.assertStatus(403)
    const replay = await client
      .post(`/api/v1/executions/${id}/replay`)
      .withCsrfToken()
      .loginAs(viewer)
    replay.assertStatus(403)
  })

  test('another tenant’s execution is a 404 everywhere', async ({ client }) => {
    const mine = await createTenantWithUser('owner')
    const other = await createTenantWithUser('owner')
    const wf = await createWorkflow(other.tenant.id)
    const id = await createExecution(other.tenant.id, wf, {
      steps: [{ nodeId: 'deal', nodeType: 'create_entity', status: 'succeeded', output: {} }],
    })

    const responses = [
      await client.get(`/executions/${id}`).loginAs(mine.user),
      await client.get(`/api/v1/monitor/executions/${id}`).loginAs(mine.user),
      await client
        .get(`/api/v1/monitor/executions/${id}/payload`)
        .qs({ part: 'input' })
        .loginAs(mine.user),
      await client.get(`/workflows/${wf.workflowId}/executions`).loginAs(mine.user),
      await client.post(`/api/v1/executions/${id}/cancel`).withCsrfToken().loginAs(mine.user),
    ]
    for (const response of responses) response.assertStatus(404)
  })

  test('the queue page and API are for admins only', async ({ client, assert }) => {
    const { tenant, user: owner } = await createTenantWithUser('owner')
    const builder = await addMember(tenant, 'builder')
    const apiDenied = await client.get('/api/v1/monitor/queues').loginAs(builder)
    apiDenied.assertStatus(403)
    const pageDenied = await client.get('/workflows/queues').loginAs(builder)
    pageDenied.assertStatus(403)

    const wf = await createWorkflow(tenant.id, { name: 'Queued one' })
    await createExecution(tenant.id, wf, { status: 'queued' })
    const response = await client.get('/api/v1/monitor/queues').loginAs(owner)
    response.assertStatus(200)
    const data = response.body().data
    assert.deepEqual(
      data.queues.map((q: { priority: string }) => q.priority),
      ['high', 'normal', 'low']
    )
    assert.equal(data.queued[0].workflowName, 'Queued one')
    assert.equal(data.workflows[0].queued, 1)
    assert.isFalse(data.workflows[0].executionsPaused)

    // The page's Pause button pauses the workflow's queue (queue management), shown on reload.
    const paused = await client
      .post('/api/v1/reliability/queue/actions')
      .json({ action: 'pause', workflowId: wf.workflowId })
      .loginAs(owner)
      .withCsrfToken()
    paused.assertStatus(200)
    const after = await client.get('/api/v1/monitor/queues').loginAs(owner)
    assert.isTrue(after.body().data.workflows[0].executionsPaused)
  })

  test('the executions page lists with filters from the query string', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const wf = await createWorkflow(tenant.id)
    await createExecution(tenant.id, wf, { status: 'succeeded' })
    const failed = await createExecution(tenant.id, wf, { status: 'failed' })

    const page = inertiaPage(await client.get('/executions').qs({ status: 'failed' }).loginAs(user))
    assert.equal(page.component, 'workflows/executions/index')
    assert.deepEqual(
      page.props.page.data.map((r: { id: number }) => r.id),
      [failed]
    )
    const scoped = inertiaPage(
      await client.get(`/workflows/${wf.workflowId}/executions`).loginAs(user)
    )
    assert.equal(scoped.props.workflow.id, wf.workflowId)
    assert.lengthOf(scoped.props.page.data, 2)

    const invalid = inertiaPage(
      await client.get('/executions').qs({ status: 'nope' }).loginAs(user)
    )
    assert.isString(invalid.props.filterError)
  })
})
