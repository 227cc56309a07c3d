import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { BaseCommand } from '@adonisjs/core/ace'
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
import type { WorkflowWorker } from '#workflows/runtime/worker'
import { clearReliabilityCache } from '#workflows/reliability/workflow_settings'
import WorkflowQueue from '#commands/workflow_queue'
import { outages, registerFlakyNode, resetFlakyCalls } from './flaky_node.js'

async function runAce(command: typeof BaseCommand, args: string[] = []) {
  const { default: ace } = await import('@adonisjs/core/services/ace')
  ace.ui.switchMode('raw')
  const instance = await ace.create(command, args)
  await instance.exec()
  return instance
}

const output = (command: BaseCommand) =>
  command.ui.logger
    .getLogs()
    .map((log) => log.message)
    .join('\n')

test.group('Reliability: queue management', (group) => {
  let worker: WorkflowWorker | null = null
  group.setup(registerFlakyNode)
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    clearReliabilityCache()
    resetFlakyCalls()
    return async () => {
      await worker?.stop()
      worker = null
    }
  })

  test('pause keeps queued executions waiting, resume starts them; counts per state and priority', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const viewer = await addMember(tenant, 'viewer')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(node('start', 'manual'), node('x', 'set_variables', { variables: { ok: true } }))
    )
    const paused = await client
      .post('/api/v1/reliability/queue/actions')
      .json({ action: 'pause', workflowId: workflow.id })
      .withCsrfToken()
      .loginAs(user)
    paused.assertStatus(200)
    worker = await startWorker()
    const ids = [
      await runManually(workflow, {}, { priority: 'high' }),
      await runManually(workflow, {}),
    ]
    // A later execution of another workflow finishes: the worker is busy, yet skips the paused.
    const other = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(node('start', 'manual'), node('y', 'set_variables', { variables: { ok: true } })),
      'Other'
    )
    await waitForStatus(await runManually(other, {}), ['succeeded'])
    const counts = await client
      .get(`/api/v1/reliability/queue?workflowId=${workflow.id}`)
      .loginAs(viewer)
    counts.assertStatus(200)
    assert.deepEqual(counts.body().data.queued, { high: 1, normal: 1, low: 0 })

    const tenantWide = await client
      .post('/api/v1/reliability/queue/actions')
      .json({ action: 'drain' })
      .withCsrfToken()
      .loginAs(user)
    tenantWide.assertStatus(403)

    const resumed = await client
      .post('/api/v1/reliability/queue/actions')
      .json({ action: 'resume', workflowId: workflow.id })
      .withCsrfToken()
      .loginAs(user)
    resumed.assertStatus(200)
    assert.equal(resumed.body().data.resumed, 2)
    for (const id of ids) await waitForStatus(id, ['succeeded'])
  })

  test('ace: status table, cancel-queued, retry-failed, drain', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const flaky = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('call', 'test_flaky', { outage: 'api', retry: { maxAttempts: 1 } })
      )
    )
    const waiting = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(node('start', 'manual'), node('hold', 'delay', { mode: 'duration', duration: '1h' }))
    )
    outages.add('api')
    worker = await startWorker()
    const failed = [await runManually(flaky, {}), await runManually(flaky, {})]
    for (const id of failed) await waitForStatus(id, ['failed'])
    const parked = await runManually(waiting, {})
    await waitForStatus(parked, ['waiting'])
    await worker.stop()
    worker = null
    const queued = await runManually(waiting, {}, { priority: 'low' })

    const status = await runAce(WorkflowQueue, ['status', `--tenant=${tenant.id}`])
    status.assertSucceeded()
    const shown = output(status)
    assert.include(shown, 'failed (24 h)')
    assert.include(shown, 'Redis queue')

    const cancel = await runAce(WorkflowQueue, ['cancel-queued', `--workflow=${waiting.id}`])
    assert.include(output(cancel), '1 queued execution(s) cancelled')
    const cancelled = await db.from('executions').where('id', queued).first()
    assert.equal(cancelled.status, 'cancelled')

    outages.clear()
    worker = await startWorker()
    const retry = await runAce(WorkflowQueue, ['retry-failed', `--tenant=${tenant.id}`])
    assert.include(output(retry), '2 failed execution(s) retried')
    for (const id of failed) await waitForStatus(id, ['succeeded'])

    const drain = await runAce(WorkflowQueue, ['drain', `--workflow=${waiting.id}`])
    assert.include(output(drain), '1 queued or waiting execution(s) cancelled')
    await waitForStatus(parked, ['cancelled'])

    const bad = await runAce(WorkflowQueue, ['pause'])
    bad.assertFailed()
  })
})
