import { test } from '@japa/runner'
import { createTenantWithUser, addMember } from '#tests/helpers/tenancy'
import {
  chain,
  closeWorkflowConnections,
  node,
  resetWorkflowState,
  startWorker,
  waitForStatus,
} from '#tests/helpers/workflows'
import type { WorkflowWorker } from '#workflows/runtime/worker'

const validGraph = () =>
  chain(
    node('start', 'manual', {
      fields: [{ key: 'name', label: 'Name', type: 'string', required: true }],
    }),
    node('greet', 'set_variables', { variables: { greeting: 'Hello {{trigger.name}}' } })
  )

test.group('Workflows API', (group) => {
  let worker: WorkflowWorker | null = null
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    return async () => {
      await worker?.stop()
      worker = null
    }
  })

  test('create, save a draft, publish, run and read the execution with its steps', async ({
    client,
    assert,
  }) => {
    const { user } = await createTenantWithUser('builder')
    const created = await client
      .post('/api/v1/workflows')
      .json({ name: 'Greeter', description: 'Says hello' })
      .withCsrfToken()
      .loginAs(user)
    created.assertStatus(201)
    const id = created.body().data.id

    const draft = await client
      .put(`/api/v1/workflows/${id}/draft`)
      .json({ graph: validGraph() })
      .withCsrfToken()
      .loginAs(user)
    draft.assertStatus(200)
    assert.deepEqual(draft.body().issues, [])

    const published = await client
      .post(`/api/v1/workflows/${id}/publish`)
      .json({ note: 'first' })
      .withCsrfToken()
      .loginAs(user)
    published.assertStatus(201)
    assert.equal(published.body().data.version.number, 1)
    assert.equal(published.body().data.workflow.status, 'active')

    const badInput = await client
      .post(`/api/v1/workflows/${id}/run`)
      .json({ input: {} })
      .withCsrfToken()
      .loginAs(user)
    badInput.assertStatus(422)
    assert.equal(badInput.body().errors[0].field, 'input.name')

    worker = await startWorker()
    const run = await client
      .post(`/api/v1/workflows/${id}/run`)
      .json({ input: { name: 'Ada' } })
      .withCsrfToken()
      .loginAs(user)
    run.assertStatus(202)
    const executionId = run.body().data.executionId
    await waitForStatus(executionId, ['succeeded', 'failed'])

    const shown = await client.get(`/api/v1/executions/${executionId}`).loginAs(user)
    shown.assertStatus(200)
    const execution = shown.body().data
    assert.equal(execution.status, 'succeeded')
    assert.deepEqual(
      execution.steps.map((s: any) => [s.nodeId, s.status]),
      [
        ['start', 'succeeded'],
        ['greet', 'succeeded'],
      ]
    )
    assert.equal(execution.steps[1].output.greeting, 'Hello Ada')

    const listed = await client
      .get(`/api/v1/executions?workflowId=${id}&status=succeeded`)
      .loginAs(user)
    assert.equal(listed.body().meta.total, 1)
  })

  test('publishing an invalid graph is refused with errors naming the node and field', async ({
    client,
    assert,
  }) => {
    const { user } = await createTenantWithUser('builder')
    const created = await client
      .post('/api/v1/workflows')
      .json({ name: 'Broken', graph: chain(node('a', 'set_variables', { variables: {} })) })
      .withCsrfToken()
      .loginAs(user)
    created.assertStatus(201)
    const id = created.body().data.id
    const response = await client
      .post(`/api/v1/workflows/${id}/publish`)
      .json({})
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(422)
    const errors = response.body().errors as Array<{ code: string; nodeId?: string }>
    assert.isTrue(errors.length >= 1)
    assert.isTrue(errors.some((e) => e.nodeId === 'a'))
    const versions = await client.get(`/api/v1/workflows/${id}/versions`).loginAs(user)
    assert.lengthOf(versions.body().data, 0)

    const validated = await client
      .post(`/api/v1/workflows/${id}/validate`)
      .json({})
      .withCsrfToken()
      .loginAs(user)
    assert.isFalse(validated.body().valid)
  })

  test('a structurally broken draft answers 422 with field paths', async ({ client, assert }) => {
    const { user } = await createTenantWithUser('builder')
    const created = await client
      .post('/api/v1/workflows')
      .json({ name: 'X' })
      .withCsrfToken()
      .loginAs(user)
    const response = await client
      .put(`/api/v1/workflows/${created.body().data.id}/draft`)
      .json({ graph: { nodes: [{ id: 'a' }], edges: [] } })
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(422)
    assert.match(response.body().errors[0].path, /^nodes\.0/)
  })

  test('a viewer reads but cannot publish; another tenant gets 404', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const viewer = await addMember(tenant, 'viewer')
    const created = await client
      .post('/api/v1/workflows')
      .json({ name: 'Mine', graph: validGraph() })
      .withCsrfToken()
      .loginAs(user)
    const id = created.body().data.id

    const read = await client.get(`/api/v1/workflows/${id}`).loginAs(viewer)
    read.assertStatus(200)
    const publish = await client
      .post(`/api/v1/workflows/${id}/publish`)
      .json({})
      .withCsrfToken()
      .loginAs(viewer)
    publish.assertStatus(403)

    const other = await createTenantWithUser('owner')
    const foreign = await client.get(`/api/v1/workflows/${id}`).loginAs(other.user)
    foreign.assertStatus(404)
    const foreignRun = await client
      .post(`/api/v1/workflows/${id}/run`)
      .json({ input: { name: 'x' } })
      .withCsrfToken()
      .loginAs(other.user)
    foreignRun.assertStatus(404)
    const list = await client.get('/api/v1/workflows').loginAs(other.user)
    assert.equal(list.body().meta.total, 0)
  })

  test('the node registry is served without execute functions', async ({ client, assert }) => {
    const { user } = await createTenantWithUser('viewer')
    const response = await client.get('/api/v1/node-types').loginAs(user)
    response.assertStatus(200)
    const types = response.body().data as Array<{ type: string; configSchema: unknown }>
    assert.includeMembers(
      types.map((t) => t.type),
      ['manual', 'webhook', 'schedule', 'condition', 'delay', 'notification']
    )
    assert.isTrue(types.every((t) => t.configSchema && !('execute' in t)))
  })
})
