import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { recordEvent, waitForDispatches } from '#core/events/outbox'
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

/** manual → wait for payment.received (entity.invoiceId = trigger.invoiceId) → paid / late */
function graph(timeout = '1h') {
  return {
    nodes: [
      node('start', 'manual'),
      node('wait', 'wait_for_event', {
        event: 'payment.received',
        matchField: 'entity.invoiceId',
        matchValue: '{{trigger.invoiceId}}',
        timeout,
      }),
      node('paid', 'set_variables', {
        variables: { result: 'paid {{steps.wait.event.payload.entity.amount}}' },
      }),
      node('late', 'set_variables', { variables: { result: 'late' } }),
    ],
    edges: [
      edge('start', 'out', 'wait'),
      edge('wait', 'received', 'paid'),
      edge('wait', 'timed_out', 'late'),
    ],
    variables: {},
  }
}

async function paymentReceived(tenantId: number, invoiceId: number, amount: number) {
  await db.transaction(async (trx) => {
    await recordEvent(trx, {
      tenantId,
      type: 'payment.received',
      aggregateType: 'payment',
      aggregateId: invoiceId * 10,
      payload: { entity: { id: invoiceId * 10, invoiceId, amount } },
    })
  })
  await waitForDispatches()
}

test.group('Wait For Event node', (group) => {
  let worker: WorkflowWorker | null = null
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    return async () => {
      await worker?.stop()
      worker = null
    }
  })

  test('resumes on the matching event only, with the event as output', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const other = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(tenant.id, user.id, graph())
    worker = await startWorker()
    const id = await runManually(workflow, { invoiceId: 42 })
    await waitForStatus(id, ['waiting'])

    await paymentReceived(tenant.id, 41, 10) // another invoice
    await paymentReceived(other.tenant.id, 42, 20) // another tenant
    let wait = await db.from('execution_waits').where('execution_id', id).first()
    assert.equal(wait.status, 'pending')
    assert.notProperty(wait.payload, 'matched')

    await paymentReceived(tenant.id, 42, 300)
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'paid 300' })
    const step = await ExecutionStep.query()
      .where({ execution_id: id, node_id: 'wait' })
      .firstOrFail()
    assert.equal(step.port, 'received')
    assert.equal((step.output as any).event.payload.entity.invoiceId, 42)
    wait = await db.from('execution_waits').where('execution_id', id).first()
    assert.equal(wait.status, 'resumed')
  })

  test('an event that arrived just before the wait was registered is not missed', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(tenant.id, user.id, graph())
    await paymentReceived(tenant.id, 7, 55)
    worker = await startWorker()
    const id = await runManually(workflow, { invoiceId: 7 })
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'paid 55' })
  })

  test('takes the timed_out port when no matching event comes in time', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(tenant.id, user.id, graph('1s'))
    worker = await startWorker()
    const id = await runManually(workflow, { invoiceId: 9 })
    await waitForStatus(id, ['waiting'])
    await paymentReceived(tenant.id, 8, 1)
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'late' })
    const step = await ExecutionStep.query()
      .where({ execution_id: id, node_id: 'wait' })
      .firstOrFail()
    assert.equal(step.port, 'timed_out')
  })
})
