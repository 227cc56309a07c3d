import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import {
  chain,
  closeWorkflowConnections,
  eventually,
  node,
  publishedWorkflow,
  resetWorkflowState,
  startWorker,
  waitForStatus,
} from '#tests/helpers/workflows'
import { runManually } from '#workflows/services/execution_service'
import type { WorkflowWorker } from '#workflows/runtime/worker'
import { repairUnhandledFailures } from '#workflows/reliability/failure_handling'
import { clearReliabilityCache } from '#workflows/reliability/workflow_settings'
import { registerFlakyNode, resetFlakyCalls } from './flaky_node.js'

test.group('Reliability: failure repair pass', (group) => {
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

  test('a failed execution whose hooks were lost is dead-lettered and notified by the sweep', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(node('start', 'manual'), node('x', 'test_flaky', { failures: 9, category: 'business' }))
    )
    worker = await startWorker()
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['failed'])
    await eventually(
      () => db.from('workflow_dead_letters').where('execution_id', id).first(),
      'the dead letter'
    )
    await worker.stop()
    worker = null
    // Simulate a worker that died right after the final checkpoint: no DLQ entry, no bell.
    await db.from('workflow_dead_letters').where('execution_id', id).delete()
    await db.from('notifications').where('execution_id', id).delete()
    await db
      .from('executions')
      .where('id', id)
      .update({ finished_at: new Date(Date.now() - 60_000) })

    assert.equal(await repairUnhandledFailures({ force: true }), 1)
    const letter = await db.from('workflow_dead_letters').where('execution_id', id).first()
    assert.equal(letter.node_id, 'x')
    assert.equal(letter.category, 'business')
    const notes = await db.from('notifications').where('execution_id', id)
    assert.lengthOf(notes, 1)
    // Nothing left to repair; recent failures (hooks may still be running) are left alone.
    assert.equal(await repairUnhandledFailures({ force: true }), 0)
  })
})
