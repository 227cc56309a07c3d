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
import { workflowService } from '#workflows/services/workflow_service'
import { runManually } from '#workflows/services/execution_service'
import { MAX_CALL_DEPTH } from '#workflows/versions/subflows/calls'
import type { WorkflowWorker } from '#workflows/runtime/worker'
import { registerFlakyNode } from '../reliability/flaky_node.js'

async function stepOutput(executionId: number, nodeId: string) {
  const step = await ExecutionStep.query()
    .where('execution_id', executionId)
    .where('node_id', nodeId)
    .orderBy('seq', 'desc')
    .firstOrFail()
  return step
}

/** A callee: manual form (amount, name) → Return { label, amount }. */
function calleeGraph() {
  return chain(
    node('start', 'manual', {
      fields: [
        { key: 'amount', label: 'Amount', type: 'number', required: true },
        { key: 'name', label: 'Name', type: 'string', required: true },
      ],
    }),
    node('answer', 'return', {
      values: { label: 'child saw {{trigger.name}}', amount: '{{trigger.amount}}' },
    })
  )
}

test.group('Sub-workflows', (group) => {
  let worker: WorkflowWorker | null = null
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    return async () => {
      await worker?.stop()
      worker = null
    }
  })

  test('a synchronous call passes mapped parameters and gets the Return values back', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const callee = await publishedWorkflow(tenant.id, user.id, calleeGraph(), 'Callee')
    const caller = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('call', 'sub_workflow', {
          workflowId: callee.id,
          mode: 'sync',
          parameters: { amount: '{{trigger.total}}', name: '{{trigger.customer}}' },
        }),
        node('use', 'set_variables', { variables: { got: '{{steps.call.result.label}}' } })
      ),
      'Caller'
    )
    worker = await startWorker()
    const id = await runManually(caller, { total: 42, customer: 'Ada' })
    const finished = await waitForStatus(id, ['succeeded', 'failed'])
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error))

    const call = await stepOutput(id, 'call')
    const output = call.output as Record<string, any>
    assert.equal(output.status, 'succeeded')
    assert.deepEqual(output.result, { label: 'child saw Ada', amount: 42 })
    const use = await stepOutput(id, 'use')
    assert.equal((use.output as any).got, 'child saw Ada')

    const child = await db.from('executions').where('id', output.childExecutionId).firstOrFail()
    assert.equal(Number(child.workflow_id), callee.id)
    assert.equal(child.trigger_type, 'sub_workflow')
    assert.equal(Number(child.input.amount), 42)
    const calls = await db.from('subworkflow_calls').where('parent_execution_id', id)
    assert.lengthOf(calls, 1)
    assert.equal(calls[0].depth, 1)
  })

  test('fire and forget continues at once and the child still runs', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const callee = await publishedWorkflow(tenant.id, user.id, calleeGraph(), 'Callee')
    const caller = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('call', 'sub_workflow', {
          workflowId: callee.id,
          mode: 'async',
          parameters: { amount: '1', name: 'Bo' },
        })
      )
    )
    worker = await startWorker()
    const id = await runManually(caller, {})
    await waitForStatus(id, ['succeeded'])
    const callStep = await stepOutput(id, 'call')
    const output = callStep.output as Record<string, any>
    assert.equal(output.status, 'started')
    const child = await waitForStatus(output.childExecutionId, ['succeeded'])
    assert.equal(child.workflowId, callee.id)
  })

  test('a failing child fails the calling step with its category; the error port catches it', async ({
    assert,
  }) => {
    registerFlakyNode()
    const { tenant, user } = await createTenantWithUser('builder')
    const callee = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('boom', 'test_flaky', { failures: 99, category: 'business' })
      ),
      'Failing callee'
    )
    const graph = chain(
      node('start', 'manual'),
      node('call', 'sub_workflow', { workflowId: callee.id, mode: 'sync', parameters: {} }),
      node('after', 'set_variables', { variables: { ok: 'yes' } })
    )
    graph.nodes.push(node('caught', 'set_variables', { variables: { handled: 'yes' } }))
    graph.edges.push(edge('call', 'error', 'caught'))
    const caller = await publishedWorkflow(tenant.id, user.id, graph, 'Catching caller')
    worker = await startWorker()
    const id = await runManually(caller, {})
    const finished = await waitForStatus(id, ['succeeded', 'failed'])
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error))

    const call = await stepOutput(id, 'call')
    assert.equal(call.status, 'failed')
    assert.equal((call.error as any).category, 'business')
    assert.equal((call.error as any).code, 'subworkflow_failed')
    const caught = await stepOutput(id, 'caught')
    assert.equal(caught.status, 'succeeded')
    // The error port hands the categorized failure to the next step.
    assert.equal((caught.input as any).error.category, 'business')
    const after = await stepOutput(id, 'after')
    assert.equal(after.status, 'skipped')

    // Without an error port the caller itself fails with that category.
    const uncaught = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('call', 'sub_workflow', { workflowId: callee.id, mode: 'sync', parameters: {} })
      ),
      'Uncaught caller'
    )
    const failedId = await runManually(uncaught, {})
    const failed = await waitForStatus(failedId, ['succeeded', 'failed'])
    assert.equal(failed.status, 'failed')
    assert.equal((failed.error as any).category, 'business')
  })

  test('publishing refuses a call cycle A → B → A with a precise 422', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const b = await publishedWorkflow(tenant.id, user.id, calleeGraph(), 'B')
    const a = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('callB', 'sub_workflow', { workflowId: b.id, parameters: { amount: '1', name: 'x' } })
      ),
      'A'
    )
    await workflowService.saveDraft(
      b,
      chain(node('start', 'manual'), node('callA', 'sub_workflow', { workflowId: a.id }))
    )
    const response = await client
      .post(`/api/v1/workflows/${b.id}/publish`)
      .json({ note: 'close the loop' })
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(422)
    assert.include(response.body().message, 'B → A → B')
    assert.deepEqual(response.body().errors[0], {
      code: 'E_CALL_CYCLE',
      nodeId: 'callA',
      path: 'config.workflowId',
      field: 'config.workflowId',
      message: 'This call closes the cycle B → A → B',
    })
    await b.refresh()
    assert.equal(b.latestVersionNumber, 1)

    // A workflow calling itself is a cycle too.
    await workflowService.saveDraft(
      a,
      chain(node('start', 'manual'), node('self', 'sub_workflow', { workflowId: a.id }))
    )
    const self = await client
      .post(`/api/v1/workflows/${a.id}/publish`)
      .json({})
      .withCsrfToken()
      .loginAs(user)
    self.assertStatus(422)
    assert.equal(self.body().errors[0].code, 'E_CALL_CYCLE')
  })

  test('the depth limit stops a runaway chain of calls with a clear error', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    // W[n] calls W[n+1]; the leaf is MAX_CALL_DEPTH + 1 calls away from the first.
    let next = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(node('start', 'manual'), node('done', 'return', { values: { ok: 'yes' } })),
      'Leaf'
    )
    for (let level = MAX_CALL_DEPTH; level >= 0; level--) {
      next = await publishedWorkflow(
        tenant.id,
        user.id,
        chain(
          node('start', 'manual'),
          node('call', 'sub_workflow', { workflowId: next.id, mode: 'sync', parameters: {} })
        ),
        `Level ${level}`
      )
    }
    worker = await startWorker()
    const id = await runManually(next, {})
    const failed = await waitForStatus(id, ['succeeded', 'failed'], 30_000)
    assert.equal(failed.status, 'failed')
    assert.equal((failed.error as any).category, 'validation')
    assert.include((failed.error as any).message, 'depth limit reached')
    const deepest = await db.from('subworkflow_calls').max('depth as depth').first()
    assert.equal(Number(deepest.depth), MAX_CALL_DEPTH)
  })
})
