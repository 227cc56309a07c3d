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
import ExecutionStep from '#workflows/models/execution_step'
import { runManually } from '#workflows/services/execution_service'
import type { WorkflowWorker } from '#workflows/runtime/worker'

async function lastStep(executionId: number, nodeId: string) {
  return ExecutionStep.query()
    .where('execution_id', executionId)
    .where('node_id', nodeId)
    .orderBy('seq', 'desc')
    .firstOrFail()
}

test.group('Sub-workflows: cancelling the child', (group) => {
  let worker: WorkflowWorker | null = null
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    return async () => {
      await worker?.stop()
      worker = null
    }
  })

  test('cancelling a child wakes its synchronous caller; the call step fails with a catchable categorized error', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const child = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(node('start', 'manual'), node('pause', 'delay', { mode: 'duration', duration: '1h' })),
      'Slow child'
    )
    const graph = chain(
      node('start', 'manual'),
      node('call', 'sub_workflow', { workflowId: child.id, mode: 'sync', parameters: {} }),
      node('after', 'set_variables', { variables: { ok: 'yes' } })
    )
    graph.nodes.push(node('caught', 'set_variables', { variables: { handled: 'yes' } }))
    graph.edges.push(edge('call', 'error', 'caught'))
    const caller = await publishedWorkflow(tenant.id, user.id, graph, 'Catching caller')
    const uncaught = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('call', 'sub_workflow', { workflowId: child.id, mode: 'sync', parameters: {} })
      ),
      'Uncaught caller'
    )
    worker = await startWorker()

    const childOf = async (parent: number) => {
      await waitForStatus(parent, ['waiting'])
      const call = await db.from('subworkflow_calls').where('parent_execution_id', parent).first()
      return Number(call.child_execution_id)
    }
    const cancel = (executionId: number) =>
      client.post(`/api/v1/executions/${executionId}/cancel`).json({}).withCsrfToken().loginAs(user)

    const catching = await runManually(caller, {})
    const catchingChild = await childOf(catching)
    await waitForStatus(catchingChild, ['waiting'])
    const cancelled = await cancel(catchingChild)
    cancelled.assertStatus(200)

    const finished = await waitForStatus(catching, ['succeeded', 'failed'])
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error))
    const call = await lastStep(catching, 'call')
    assert.equal(call.status, 'failed')
    assert.equal((call.error as any).code, 'subworkflow_cancelled')
    assert.equal((call.error as any).category, 'business')
    assert.equal((call.error as any).details.childExecutionId, catchingChild)
    const caught = await lastStep(catching, 'caught')
    assert.equal(caught.status, 'succeeded')
    const after = await lastStep(catching, 'after')
    assert.equal(after.status, 'skipped')

    // Without an error port the caller fails with that category; cancelling a queued child
    // (before any worker ran it) wakes the caller too.
    const plain = await runManually(uncaught, {})
    const plainChild = await childOf(plain)
    const cancelledPlain = await cancel(plainChild)
    cancelledPlain.assertStatus(200)
    const failed = await waitForStatus(plain, ['succeeded', 'failed'])
    assert.equal(failed.status, 'failed')
    assert.equal((failed.error as any).category, 'business')
    assert.equal((failed.error as any).code, 'subworkflow_cancelled')
  })
})
