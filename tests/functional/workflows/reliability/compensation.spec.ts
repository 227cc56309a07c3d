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
import { clearReliabilityCache } from '#workflows/reliability/workflow_settings'
import { registerFlakyNode, resetFlakyCalls } from './flaky_node.js'

const undoLead = {
  type: 'update_entity',
  config: { entity: 'lead', id: '{{compensating.output.id}}', data: { status: 'lost' } },
}

const deadLettered = (executionId: number) =>
  eventually(
    () => db.from('workflow_dead_letters').where('execution_id', executionId).first(),
    'the dead letter'
  )

test.group('Reliability: compensation (saga)', (group) => {
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

  test('a failed execution undoes its completed steps in reverse order, each recorded as a step', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('first', 'create_entity', {
          entity: 'lead',
          data: { name: 'First {{trigger.name}}', source: 'website' },
          compensation: undoLead,
        }),
        node('second', 'create_entity', {
          entity: 'lead',
          data: { name: 'Second {{trigger.name}}', source: 'website' },
          compensation: undoLead,
        }),
        node('plain', 'set_variables', { variables: { x: 1 } }),
        node('boom', 'test_flaky', { failures: 9, category: 'business' })
      )
    )
    const id = await runManually(workflow, { name: 'Ada' })
    const done = await waitForStatus(id, ['failed'])
    assert.equal(done.error?.nodeId, 'boom')
    // Compensations run before the execution is dead-lettered.
    await deadLettered(id)

    const leads = await db.from('crm_leads').where('tenant_id', tenant.id).orderBy('id')
    assert.deepEqual(
      leads.map((lead) => [lead.name, lead.status]),
      [
        ['First Ada', 'lost'],
        ['Second Ada', 'lost'],
      ]
    )
    const steps = await db.from('execution_steps').where('execution_id', id).orderBy('seq')
    assert.deepEqual(
      steps.map((s) => [s.node_id, s.status]),
      [
        ['start', 'succeeded'],
        ['first', 'succeeded'],
        ['second', 'succeeded'],
        ['plain', 'succeeded'],
        ['boom', 'failed'],
        ['second~compensate', 'succeeded'],
        ['first~compensate', 'succeeded'],
      ]
    )
    const compensation = steps.find((s) => s.node_id === 'second~compensate')
    assert.equal(compensation.node_type, 'update_entity')
    assert.equal(compensation.idempotency_key, `${id}:second~compensate:`)
    const letter = await db.from('workflow_dead_letters').where('execution_id', id).first()
    assert.deepEqual(letter.error.compensations, { ran: 2, failed: 0 })

    // Undone work cannot be continued in place, only replayed from the start.
    const { retryFromFailedStep, replayExecution } =
      await import('#workflows/reliability/interventions')
    await assert.rejects(() => retryFromFailedStep(done), /compensated/)
    await assert.rejects(() => replayExecution(done, { mode: 'from_failed_step' }), /compensated/)
    const replay = await replayExecution(done, { mode: 'from_start' })
    assert.equal(replay.status, 'queued')
  })

  test('a failing compensation is recorded and the others still run', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('first', 'create_entity', {
          entity: 'lead',
          data: { name: 'Kept', source: 'website' },
          compensation: undoLead,
        }),
        node('second', 'set_variables', {
          variables: { y: 2 },
          compensation: {
            type: 'update_entity',
            config: { entity: 'lead', id: 999999, data: { status: 'lost' } },
          },
        }),
        node('boom', 'test_flaky', { failures: 9, category: 'validation' })
      )
    )
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['failed'])
    await deadLettered(id)
    const steps = await db
      .from('execution_steps')
      .where('execution_id', id)
      .where('node_id', 'like', '%~compensate')
      .orderBy('seq')
    assert.deepEqual(
      steps.map((s) => [s.node_id, s.status, s.error?.category ?? null]),
      [
        ['second~compensate', 'failed', 'not_found'],
        ['first~compensate', 'succeeded', null],
      ]
    )
    const lead = await db.from('crm_leads').where('tenant_id', tenant.id).first()
    assert.equal(lead.status, 'lost')
  })
})
