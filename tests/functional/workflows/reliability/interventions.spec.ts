import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import {
  chain,
  closeWorkflowConnections,
  node,
  publishedWorkflow,
  resetWorkflowState,
  startWorker,
  waitForStatus,
} from '#tests/helpers/workflows'
import { runManually } from '#workflows/services/execution_service'
import { workflowService } from '#workflows/services/workflow_service'
import type { WorkflowWorker } from '#workflows/runtime/worker'
import { clearReliabilityCache } from '#workflows/reliability/workflow_settings'
import { callsOf, registerFlakyNode, resetFlakyCalls } from './flaky_node.js'

/** start → flaky (fails `failures` times, no retries) → echo of the flaky output. */
const failingGraph = (failures: number) =>
  chain(
    node('start', 'manual'),
    node('flaky', 'test_flaky', { failures, retry: { maxAttempts: 1 } }),
    node('echo', 'set_variables', { variables: { got: '{{steps.flaky.calls}}' } })
  )

test.group('Reliability: interventions, replay, dead letters API', (group) => {
  let worker: WorkflowWorker | null = null
  group.setup(registerFlakyNode)
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    clearReliabilityCache()
    resetFlakyCalls()
    worker = await startWorker()
    return async () => {
      await worker?.stop()
      worker = null
    }
  })

  test('retry continues a failed execution from its failed step; earlier steps do not re-run', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const workflow = await publishedWorkflow(tenant.id, user.id, failingGraph(1))
    const id = await runManually(workflow, {})
    const failed = await waitForStatus(id, ['failed', 'succeeded'])
    assert.equal(failed.status, 'failed')
    const letter = await db.from('workflow_dead_letters').where('execution_id', id).first()
    assert.equal(letter.status, 'open')
    assert.equal(letter.node_id, 'flaky')
    assert.equal(letter.node_type, 'test_flaky')
    assert.equal(letter.category, 'transient')

    const startBefore = await db
      .from('execution_steps')
      .where({ execution_id: id, node_id: 'start' })
      .first()
    const response = await client
      .post(`/api/v1/executions/${id}/retry`)
      .json({})
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(200)
    assert.equal(response.body().data.status, 'queued')
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.equal(done.status, 'succeeded', JSON.stringify(done.error))
    assert.deepEqual(done.output, { got: 2 })
    assert.equal(callsOf(id, 'flaky'), 2)
    const steps = await db.from('execution_steps').where('execution_id', id).orderBy('seq')
    assert.deepEqual(
      steps.map((s) => [s.node_id, s.status, s.attempt]),
      [
        ['start', 'succeeded', 1],
        ['flaky', 'succeeded', 2],
        ['echo', 'succeeded', 1],
      ]
    )
    const startAfter = steps.find((s) => s.node_id === 'start')
    assert.equal(startAfter.finished_at.toISOString(), startBefore.finished_at.toISOString())
    const resolved = await db.from('workflow_dead_letters').where('execution_id', id).first()
    assert.equal(resolved.status, 'resolved')
    assert.equal(resolved.resolution, 'retried')

    const again = await client
      .post(`/api/v1/executions/${id}/retry`)
      .json({})
      .withCsrfToken()
      .loginAs(user)
    again.assertStatus(409)
  })

  test('skip records the failed step with a supplied output and continues after it', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(tenant.id, user.id, failingGraph(99))
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['failed'])
    const response = await client
      .post(`/api/v1/executions/${id}/skip`)
      .json({ nodeId: 'flaky', output: { calls: 'manual' } })
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(200)
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.equal(done.status, 'succeeded', JSON.stringify(done.error))
    assert.deepEqual(done.output, { got: 'manual' })
    assert.equal(callsOf(id, 'flaky'), 1, 'the skipped step did not run again')
    const letter = await db.from('workflow_dead_letters').where('execution_id', id).first()
    assert.equal(letter.resolution, 'skipped')

    const wrongNode = await client
      .post(`/api/v1/executions/${id}/skip`)
      .json({ output: 1 })
      .withCsrfToken()
      .loginAs(user)
    wrongNode.assertStatus(409)
  })

  test('skip a waiting step: the delay is dropped and the run continues with the output', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('pause', 'delay', { mode: 'duration', duration: '1h' }),
        node('echo', 'set_variables', { variables: { got: '{{steps.pause.note}}' } })
      )
    )
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['waiting'])
    const missing = await client
      .post(`/api/v1/executions/${id}/skip`)
      .json({})
      .withCsrfToken()
      .loginAs(user)
    missing.assertStatus(422)
    const response = await client
      .post(`/api/v1/executions/${id}/skip`)
      .json({ nodeId: 'pause', output: { note: 'skipped by hand' } })
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(200)
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { got: 'skipped by hand' })
    const wait = await db.from('execution_waits').where('execution_id', id).first()
    assert.equal(wait.status, 'resumed')
  })

  test('replay from the start with an edited input, and from the failed step, links the new execution', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const workflow = await publishedWorkflow(tenant.id, user.id, failingGraph(1))
    const id = await runManually(workflow, { n: 1 })
    await waitForStatus(id, ['failed'])

    const fromStart = await client
      .post(`/api/v1/executions/${id}/replay`)
      .json({ mode: 'from_start', input: { n: 2 } })
      .withCsrfToken()
      .loginAs(user)
    fromStart.assertStatus(201)
    const replayId = fromStart.body().data.id
    assert.equal(fromStart.body().data.replayOfExecutionId, id)
    const replayed = await waitForStatus(replayId, ['succeeded', 'failed'])
    // A new execution: its flaky step counts its own calls, so it fails once again.
    assert.equal(replayed.status, 'failed')
    assert.deepEqual(replayed.input, { n: 2 })
    const original = await waitForStatus(id, ['failed'])
    assert.deepEqual(original.input, { n: 1 }, 'the original is untouched')

    // From the failed step: the start step is copied, only flaky + echo run.
    const fromStep = await client
      .post(`/api/v1/executions/${replayId}/replay`)
      .json({ mode: 'from_failed_step' })
      .withCsrfToken()
      .loginAs(user)
    fromStep.assertStatus(201)
    const secondId = fromStep.body().data.id
    const second = await waitForStatus(secondId, ['succeeded', 'failed'])
    // The new execution's flaky node runs for the first time (fails once more: failures = 1).
    assert.equal(second.status, 'failed')
    const steps = await db.from('execution_steps').where('execution_id', secondId).orderBy('seq')
    assert.deepEqual(
      steps.map((s) => [s.node_id, s.status, s.idempotency_key]),
      [
        ['start', 'succeeded', `${secondId}:start:`],
        ['flaky', 'failed', `${secondId}:flaky:`],
      ]
    )
    const link = await db.from('executions').where('id', secondId).first()
    assert.equal(Number(link.replay_of_execution_id), replayId)
    const letter = await db.from('workflow_dead_letters').where('execution_id', replayId).first()
    assert.equal(letter.resolution, 'replayed')
    assert.equal(Number(letter.replay_execution_id), secondId)

    const edited = await client
      .post(`/api/v1/executions/${secondId}/replay`)
      .json({ mode: 'from_failed_step', input: { n: 3 } })
      .withCsrfToken()
      .loginAs(user)
    edited.assertStatus(422)
  })

  test('replay on the latest version', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(tenant.id, user.id, failingGraph(5))
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['failed'])
    await workflowService.saveDraft(
      workflow,
      chain(node('start', 'manual'), node('fixed', 'set_variables', { variables: { ok: true } }))
    )
    const v2 = await workflowService.publish(workflow, user.id, 'fix')
    const response = await client
      .post(`/api/v1/executions/${id}/replay`)
      .json({ latestVersion: true })
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(201)
    const done = await waitForStatus(response.body().data.id, ['succeeded', 'failed'])
    assert.equal(done.status, 'succeeded')
    assert.equal(done.versionId, v2.id)
  })

  test('viewers cannot intervene; other tenants get 404', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const viewer = await addMember(tenant, 'viewer')
    const other = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(tenant.id, user.id, failingGraph(1))
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['failed'])
    for (const action of ['retry', 'skip', 'replay']) {
      const denied = await client
        .post(`/api/v1/executions/${id}/${action}`)
        .json({})
        .withCsrfToken()
        .loginAs(viewer)
      denied.assertStatus(403)
      const hidden = await client
        .post(`/api/v1/executions/${id}/${action}`)
        .json({})
        .withCsrfToken()
        .loginAs(other.user)
      hidden.assertStatus(404)
    }
    const list = await client.get('/api/v1/dead-letters').loginAs(viewer)
    list.assertStatus(200)
    assert.lengthOf(list.body().data, 1)
    assert.equal(list.body().data[0].executionId, id)
    const otherList = await client.get('/api/v1/dead-letters').loginAs(other.user)
    assert.lengthOf(otherList.body().data, 0)
    const show = await client
      .get(`/api/v1/dead-letters/${list.body().data[0].id}`)
      .loginAs(other.user)
    show.assertStatus(404)
  })

  test('reliability settings and failure analytics', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const graph = chain(node('start', 'manual'), node('flaky', 'test_flaky', { failures: 9 }))
    const workflow = await publishedWorkflow(tenant.id, user.id, graph)
    const bad = await client
      .put(`/api/v1/workflows/${workflow.id}/reliability`)
      .json({ retry: { maxAttempts: 0, categories: ['validation'] } })
      .withCsrfToken()
      .loginAs(user)
    bad.assertStatus(422)
    const saved = await client
      .put(`/api/v1/workflows/${workflow.id}/reliability`)
      .json({ retry: { maxAttempts: 2, backoff: 'fixed', delayMs: 1 } })
      .withCsrfToken()
      .loginAs(user)
    saved.assertStatus(200)
    assert.deepEqual(saved.body().data.retry, { maxAttempts: 2, backoff: 'fixed', delayMs: 1 })

    // Saving the settings form keeps the queue's pause flag (set by queue management).
    const queueAction = (action: 'pause' | 'resume') =>
      client
        .post('/api/v1/reliability/queue/actions')
        .json({ action, workflowId: workflow.id })
        .withCsrfToken()
        .loginAs(user)
    const paused = await queueAction('pause')
    paused.assertStatus(200)
    const resaved = await client
      .put(`/api/v1/workflows/${workflow.id}/reliability`)
      .json({ retry: { maxAttempts: 2, backoff: 'fixed', delayMs: 1 } })
      .withCsrfToken()
      .loginAs(user)
    assert.isTrue(resaved.body().data.executionsPaused)
    const resumed = await queueAction('resume')
    resumed.assertStatus(200)

    for (let i = 0; i < 2; i++) {
      await waitForStatus(await runManually(workflow, {}), ['failed'])
    }
    const response = await client.get('/api/v1/reliability/analytics?days=7').loginAs(user)
    response.assertStatus(200)
    const data = response.body().data
    assert.equal(data.total, 2)
    assert.equal(data.deadLettered, 2)
    assert.deepEqual(data.byCategory, [{ category: 'transient', failures: 2 }])
    assert.deepEqual(data.byNodeType, [{ nodeType: 'test_flaky', failures: 2 }])
    assert.deepEqual(data.byWorkflow, [
      { workflowId: workflow.id, workflowName: workflow.name, failures: 2 },
    ])
    assert.lengthOf(data.byDay, 1)
    // Two attempts per execution (the workflow default policy) → four calls in all.
    const calls = await db.from('execution_steps').where('node_id', 'flaky').select('attempt')
    assert.deepEqual(
      calls.map((c) => c.attempt),
      [2, 2]
    )
  })
})
