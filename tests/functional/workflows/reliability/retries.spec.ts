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
import type { WorkflowWorker } from '#workflows/runtime/worker'
import { retrySettings } from '#workflows/reliability/step_retry'
import {
  clearReliabilityCache,
  saveWorkflowReliability,
} from '#workflows/reliability/workflow_settings'
import { callsOf, registerFlakyNode, resetFlakyCalls } from './flaky_node.js'

const original = { ...retrySettings }

test.group('Reliability: retries, timeouts, fallback', (group) => {
  let worker: WorkflowWorker | null = null
  let slept: number[] = []
  group.setup(registerFlakyNode)
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    clearReliabilityCache()
    resetFlakyCalls()
    slept = []
    // Fake clock: record the delays instead of sleeping; no jitter.
    retrySettings.sleep = async (ms) => {
      slept.push(ms)
    }
    retrySettings.random = () => 0
    return async () => {
      Object.assign(retrySettings, original)
      await worker?.stop()
      worker = null
    }
  })

  test('transient failures retry in the worker with exponential backoff (category defaults)', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(node('start', 'manual'), node('flaky', 'test_flaky', { failures: 2 }))
    )
    worker = await startWorker()
    const id = await runManually(workflow, {})
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.equal(done.status, 'succeeded', JSON.stringify(done.error))
    assert.deepEqual(slept, [500, 1000])
    assert.equal(callsOf(id, 'flaky'), 3)
    const step = await db
      .from('execution_steps')
      .where({ execution_id: id, node_id: 'flaky' })
      .first()
    assert.equal(step.attempt, 3)
    assert.deepEqual(done.output, { attempt: 3, calls: 3 })
  })

  test('node policy overrides the workflow default; exhausted retries fail with the attempt count', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('a', 'test_flaky', { failures: 10 }),
        node('b', 'test_flaky', { failures: 10 })
      )
    )
    await saveWorkflowReliability(tenant.id, workflow.id, {
      retry: { maxAttempts: 4, backoff: 'fixed', delayMs: 100, jitter: 0 },
    })
    worker = await startWorker()
    const id = await runManually(workflow, {})
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.equal(done.status, 'failed')
    assert.deepEqual(slept, [100, 100, 100])
    assert.equal(callsOf(id, 'a'), 4)
    assert.equal(done.error?.nodeId, 'a')
    assert.deepInclude(done.error?.details as object, { attempts: 4 })

    // The node's own policy wins over the workflow default.
    slept = []
    const graph = chain(
      node('start', 'manual'),
      node('a', 'test_flaky', { failures: 1, retry: { maxAttempts: 2, delayMs: 7 } })
    )
    const second = await publishedWorkflow(tenant.id, user.id, graph, 'Node policy')
    await saveWorkflowReliability(tenant.id, second.id, { retry: { maxAttempts: 1 } })
    const ok = await waitForStatus(await runManually(second, {}), ['succeeded', 'failed'])
    assert.equal(ok.status, 'succeeded', JSON.stringify(ok.error))
    assert.deepEqual(slept, [7])
  })

  test('validation failures are never retried', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('bad', 'test_flaky', {
          failures: 5,
          category: 'validation',
          retry: { maxAttempts: 5, categories: ['validation', 'transient'] },
        })
      )
    )
    worker = await startWorker()
    const id = await runManually(workflow, {})
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.equal(done.status, 'failed')
    assert.equal(done.error?.category, 'validation')
    assert.equal(callsOf(id, 'bad'), 1)
    assert.deepEqual(slept, [])
  })

  test('long retries persist as a wait, free the worker and resume from a delayed job; Retry-After honoured', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('limited', 'test_flaky', {
          failures: 2,
          category: 'rate_limited',
          retryAfterMs: 45_000,
          retry: { maxAttempts: 3, delayMs: 1000, maxDelayMs: 60_000 },
        })
      )
    )
    retrySettings.inlineMaxMs = 0
    // The fake clock is in the past, so each persisted retry is already due when stored.
    const fakeNow = Date.parse('2026-01-01T00:00:00.000Z')
    let tick = fakeNow
    retrySettings.now = () => (tick += 1000)
    worker = await startWorker()
    const id = await runManually(workflow, {})
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.equal(done.status, 'succeeded', JSON.stringify(done.error))
    assert.equal(callsOf(id, 'limited'), 3)
    assert.deepEqual(slept, [], 'nothing slept in the worker')
    const wait = await db.from('execution_waits').where('execution_id', id).first()
    assert.equal(wait.kind, 'retry')
    assert.equal(wait.status, 'resumed')
    // Retry-After (45 s) is longer than the 1 s / 2 s backoff, so it decides the resume time.
    assert.equal(
      new Date(wait.resume_at).toISOString(),
      new Date(fakeNow + 2000 + 45_000).toISOString()
    )
    assert.deepInclude(wait.payload, { attempt: 2 })
    const step = await db
      .from('execution_steps')
      .where({ execution_id: id, node_id: 'limited' })
      .first()
    assert.equal(step.attempt, 3)
    assert.equal(step.status, 'succeeded')
  })

  test('a step over its configured timeout is aborted and fails with category timeout', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('slow', 'test_flaky', { hang: true, timeoutMs: 50, retry: { maxAttempts: 1 } })
      )
    )
    worker = await startWorker()
    const id = await runManually(workflow, {})
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.equal(done.status, 'failed')
    assert.equal(done.error?.category, 'timeout')
    assert.equal(done.error?.code, 'step_timeout')
    assert.match(String(done.error?.message), /within 50 ms/)
  })

  test('after retries are exhausted the error port takes the failure instead of failing the run', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const graph = chain(
      node('start', 'manual'),
      node('call', 'test_flaky', { failures: 9, retry: { maxAttempts: 2, delayMs: 1 } }),
      node('after', 'set_variables', { variables: { ok: true } })
    )
    graph.nodes.push(
      node('fallback', 'set_variables', {
        variables: { handled: '{{steps.call.error.category}}' },
      })
    )
    graph.edges.push(edge('call', 'error', 'fallback'))
    const workflow = await publishedWorkflow(tenant.id, user.id, graph)
    worker = await startWorker()
    const id = await runManually(workflow, {})
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.equal(done.status, 'succeeded', JSON.stringify(done.error))
    assert.equal(callsOf(id, 'call'), 2)
    const steps = await db.from('execution_steps').where('execution_id', id).orderBy('seq')
    const byNode = Object.fromEntries(steps.map((s) => [s.node_id, s.status]))
    assert.deepEqual(byNode, {
      start: 'succeeded',
      call: 'failed',
      fallback: 'succeeded',
      after: 'skipped',
    })
    assert.deepEqual(done.output, { handled: 'transient' })
    const dead = await db.from('workflow_dead_letters').where('execution_id', id)
    assert.lengthOf(dead, 0, 'a handled failure is not dead-lettered')
  })

  test('try-catch: after retries, the catch branch gets the error and finally runs', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const graph = {
      nodes: [
        node('start', 'manual'),
        node('guard', 'try_catch'),
        node('call', 'test_flaky', { failures: 9, retry: { maxAttempts: 2, delayMs: 1 } }),
        node('next', 'set_variables', { variables: { reached: true } }),
        node('handle', 'set_variables', {
          variables: { caught: '{{steps.guard.error.nodeId}}: {{steps.guard.error.message}}' },
        }),
        node('cleanup', 'set_variables', { variables: { cleaned: '{{vars.caught}}' } }),
      ],
      edges: [
        edge('start', 'out', 'guard'),
        edge('guard', 'try', 'call'),
        edge('call', 'out', 'next'),
        edge('guard', 'catch', 'handle'),
        edge('guard', 'finally', 'cleanup'),
      ],
      variables: {},
    }
    const workflow = await publishedWorkflow(tenant.id, user.id, graph)
    worker = await startWorker()
    const id = await runManually(workflow, { order: 1 })
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.equal(done.status, 'succeeded', JSON.stringify(done.error))
    assert.equal(callsOf(id, 'call'), 2)
    assert.deepEqual(done.output, { cleaned: 'call: failure 2' })
    const steps = await db.from('execution_steps').where('execution_id', id).orderBy('seq')
    assert.deepEqual(Object.fromEntries(steps.map((s) => [s.node_id, s.status])), {
      start: 'succeeded',
      guard: 'succeeded',
      call: 'failed',
      next: 'skipped',
      handle: 'succeeded',
      cleanup: 'succeeded',
    })
    const dead = await db.from('workflow_dead_letters').where('execution_id', id)
    assert.lengthOf(dead, 0)
  })
})
