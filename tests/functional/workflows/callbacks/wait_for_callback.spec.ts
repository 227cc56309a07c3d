import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import {
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
import ExecutionStep from '#workflows/models/execution_step'
import { hashToken, signCallback } from '#workflows/callbacks/tokens'
import { MAX_CALLBACK_BYTES } from '#workflows/callbacks/callbacks_controller'

/** manual → wait for callback → done (uses the posted data) / late */
function graph(expiresIn = '1h') {
  return {
    nodes: [
      node('start', 'manual'),
      node('wait', 'wait_for_callback', { expiresIn }),
      node('done', 'set_variables', {
        variables: { result: 'got {{steps.wait.data.status}}' },
      }),
      node('late', 'set_variables', { variables: { result: 'late' } }),
    ],
    edges: [
      edge('start', 'out', 'wait'),
      edge('wait', 'received', 'done'),
      edge('wait', 'timed_out', 'late'),
    ],
    variables: {},
  }
}

async function waitStepOutput(executionId: number) {
  const step = await ExecutionStep.query()
    .where({ execution_id: executionId, node_id: 'wait' })
    .firstOrFail()
  return step
}

/** The callback path handed out in the parked step's output. */
async function callbackPath(executionId: number) {
  const step = await waitStepOutput(executionId)
  const url = String((step.output as any).url)
  return url.slice(url.indexOf('/api/v1/callbacks/'))
}

test.group('Wait For Callback node', (group) => {
  let worker: WorkflowWorker | null = null
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    return async () => {
      await worker?.stop()
      worker = null
    }
  })

  test('parks with a signed URL; a POST resumes it with the body; reuse is refused', async ({
    assert,
    client,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(tenant.id, user.id, graph())
    worker = await startWorker()
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['waiting'])

    const parked = await waitStepOutput(id)
    const output = parked.output as { url: string; expiresAt: string }
    assert.match(output.url, /\/api\/v1\/callbacks\/[\w-]+\.[\w-]+$/)
    assert.isAbove(Date.parse(output.expiresAt), Date.now())
    const path = await callbackPath(id)
    const token = path.split('/').pop()!
    const stored = await db.from('workflow_callbacks').where('execution_id', id).firstOrFail()
    assert.equal(stored.token_hash, hashToken(token))
    assert.isNull(stored.used_at)

    // No session, no CSRF token: the signed URL is the credential.
    const response = await client.post(path).json({ status: 'shipped', items: [1, 2] })
    response.assertStatus(202)

    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'got shipped' })
    const step = await waitStepOutput(id)
    assert.equal(step.port, 'received')
    assert.deepEqual((step.output as any).data, { status: 'shipped', items: [1, 2] })
    assert.equal((step.output as any).url, output.url)

    const again = await client.post(path).json({ status: 'twice' })
    again.assertStatus(410)
    const steps = await ExecutionStep.query().where({ execution_id: id, node_id: 'done' })
    assert.lengthOf(steps, 1)
  })

  test('a tampered token is refused with 403, an expired one with 410', async ({
    assert,
    client,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(tenant.id, user.id, graph())
    worker = await startWorker()
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['waiting'])
    const path = await callbackPath(id)
    const [body, signature] = path.split('/').pop()!.split('.')

    // Same signature over another node id.
    const forgedBody = Buffer.from(
      JSON.stringify([id, 'start', '', Date.now() + 3_600_000])
    ).toString('base64url')
    const forged = await client.post(`/api/v1/callbacks/${forgedBody}.${signature}`).json({})
    forged.assertStatus(403)
    const badSignature = await client.post(`/api/v1/callbacks/${body}.x${signature}`).json({})
    badSignature.assertStatus(403)

    const expired = signCallback({
      executionId: id,
      nodeId: 'wait',
      scopeKey: '',
      expiresAt: Date.now() - 1000,
    })
    const late = await client.post(`/api/v1/callbacks/${expired}`).json({})
    late.assertStatus(410)

    const wait = await db.from('execution_waits').where('execution_id', id).firstOrFail()
    assert.equal(wait.status, 'pending')
    assert.notProperty(wait.payload ?? {}, 'received')
  })

  test('a body over the limit is refused with 413 and the URL stays usable', async ({
    assert,
    client,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(tenant.id, user.id, graph())
    worker = await startWorker()
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['waiting'])
    const path = await callbackPath(id)

    const big = await client.post(path).json({ blob: 'x'.repeat(MAX_CALLBACK_BYTES + 10) })
    big.assertStatus(413)
    const stored = await db.from('workflow_callbacks').where('execution_id', id).firstOrFail()
    assert.isNull(stored.used_at)

    const ok = await client.post(path).json({ status: 'small' })
    ok.assertStatus(202)
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'got small' })
  })

  test('takes the timed_out port when the URL expires; a late POST gets 410', async ({
    assert,
    client,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(tenant.id, user.id, graph('1s'))
    worker = await startWorker()
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['waiting'])
    const path = await callbackPath(id)

    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'late' })
    const step = await waitStepOutput(id)
    assert.equal(step.port, 'timed_out')
    assert.isFalse((step.output as any).received)

    const late = await client.post(path).json({ status: 'too late' })
    late.assertStatus(410)
  })
})
