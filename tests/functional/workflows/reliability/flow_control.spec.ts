import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
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
import {
  cancelExecution,
  runManually,
  startExecutions,
} from '#workflows/services/execution_service'
import Execution from '#workflows/models/execution'
import type { WorkflowWorker } from '#workflows/runtime/worker'
import {
  clearReliabilityCache,
  saveWorkflowReliability,
} from '#workflows/reliability/workflow_settings'
import { clearQuotaCache } from '#workflows/reliability/quotas'
import { admitExecution, concurrencySettings } from '#workflows/reliability/concurrency'
import { insertExecutions } from '#workflows/runtime/execution_store'
import { sweepOnce } from '#workflows/runtime/sweeper'

const statusOf = (id: number) => Execution.findOrFail(id).then((execution) => execution.status)

test.group('Reliability: concurrency, quotas, priority', (group) => {
  let worker: WorkflowWorker | null = null
  const recheck = concurrencySettings.recheckMs
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    clearReliabilityCache()
    clearQuotaCache()
    concurrencySettings.recheckMs = 50
    return async () => {
      concurrencySettings.recheckMs = recheck
      await worker?.stop()
      worker = null
    }
  })

  test('a concurrency key serialises executions per key, in order, as slots free', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(node('start', 'manual'), node('hold', 'delay', { mode: 'duration', duration: '1h' }))
    )
    await saveWorkflowReliability(tenant.id, workflow.id, {
      concurrency: { limit: 1, key: '{{trigger.dealId}}' },
    })
    worker = await startWorker()
    const a = await runManually(workflow, { dealId: 1 })
    await waitForStatus(a, ['waiting'])
    const b = await runManually(workflow, { dealId: 1 })
    const c = await runManually(workflow, { dealId: 2 })
    const d = await runManually(workflow, { dealId: 1 })
    // Another deal is not held up; the same deal waits its turn.
    await waitForStatus(c, ['waiting'])
    // B and D were looked at and deferred (their group key is stored), not started.
    await eventually(async () => {
      const rows = await db.from('executions').whereIn('id', [b, d]).whereNotNull('concurrency_key')
      return rows.length === 2
    }, 'B and D deferred')
    assert.equal(await statusOf(b), 'queued')
    assert.equal(await statusOf(d), 'queued')

    await cancelExecution(await Execution.findOrFail(a))
    await waitForStatus(b, ['waiting'])
    assert.equal(await statusOf(d), 'queued', 'D is after B')
    await cancelExecution(await Execution.findOrFail(b))
    await waitForStatus(d, ['waiting'])
    const keys = await db.from('executions').whereIn('id', [a, b, c, d]).orderBy('id')
    assert.deepEqual(
      keys.map((row) => row.concurrency_key),
      [`${workflow.id}|1`, `${workflow.id}|1`, `${workflow.id}|2`, `${workflow.id}|1`]
    )
  })

  test('a deferred execution is left to its recheck job, not re-enqueued by the sweeper', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(node('start', 'manual'), node('v', 'set_variables', { variables: { ok: true } }))
    )
    await saveWorkflowReliability(tenant.id, workflow.id, { concurrency: { limit: 1 } })
    const request = {
      tenantId: tenant.id,
      workflowId: workflow.id,
      versionId: workflow.activeVersionId!,
      triggerType: 'manual',
      priority: 'normal' as const,
      input: {},
    }
    const [first, second] = await insertExecutions([request, request])
    const candidate = (id: number) => ({
      id,
      workflowId: workflow.id,
      input: {},
      priority: 'normal' as const,
    })
    assert.isTrue(await admitExecution(candidate(first!)))
    // Queued for an hour (a long wait for its slot), then looked at again and deferred.
    await db
      .from('executions')
      .where('id', second!)
      .update({ updated_at: db.raw(`now() - interval '1 hour'`) })
    assert.isFalse(await admitExecution(candidate(second!)))

    assert.equal(await sweepOnce(30_000), 0)
  })

  test('quotas: over the daily quota a manual run is refused with 429 and recorded', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const builder = await addMember(tenant, 'builder')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(node('start', 'manual'), node('x', 'set_variables', { variables: { ok: true } }))
    )
    const denied = await client
      .put('/api/v1/reliability/quotas')
      .json({ executionsPerDay: 2, executionsPerMonth: null })
      .withCsrfToken()
      .loginAs(builder)
    denied.assertStatus(403)
    const saved = await client
      .put('/api/v1/reliability/quotas')
      .json({ executionsPerDay: 3, executionsPerMonth: null })
      .withCsrfToken()
      .loginAs(user)
    saved.assertStatus(200)
    assert.deepEqual(saved.body().data.limits, { executionsPerDay: 3, executionsPerMonth: null })

    await runManually(workflow, {})
    // A batch (an event matching several workflows) keeps what fits and records the rest.
    const base = {
      tenantId: tenant.id,
      workflowId: workflow.id,
      versionId: workflow.activeVersionId!,
      triggerType: 'entity_event',
      priority: 'normal' as const,
    }
    const ids = await startExecutions([
      { ...base, triggerKey: 'event:1', input: { n: 1 } },
      { ...base, triggerKey: 'event:2', input: { n: 2 } },
      { ...base, triggerKey: 'event:3', input: { n: 3 } },
    ])
    assert.isNumber(ids[0])
    assert.isNumber(ids[1])
    assert.isNull(ids[2])

    const refused = await client
      .post(`/api/v1/workflows/${workflow.id}/run`)
      .json({ input: {} })
      .withCsrfToken()
      .loginAs(user)
    refused.assertStatus(429)
    assert.equal(refused.body().errors[0].code, 'E_QUOTA_EXCEEDED')
    assert.match(refused.body().message, /quota of 3 executions per day/)

    const rows = await db
      .from('workflow_quota_refusals')
      .where('tenant_id', tenant.id)
      .orderBy('id')
    assert.deepEqual(
      rows.map((row) => [row.trigger_type, row.period, row.quota]),
      [
        ['entity_event', 'day', 3],
        ['manual', 'day', 3],
      ]
    )
    const usage = await client.get('/api/v1/reliability/quotas').loginAs(builder)
    usage.assertStatus(200)
    assert.deepEqual(usage.body().data.usage, { day: 3, month: 3 })
    assert.equal(usage.body().data.refusedLast30Days, 2)
    const executions = await db.from('executions').where('tenant_id', tenant.id).count('* as n')
    assert.equal(Number(executions[0].n), 3)
  })

  test('priority: under load, high-priority executions start before low ones', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(node('start', 'manual'), node('x', 'set_variables', { variables: { ok: true } }))
    )
    // Queue work while no worker runs: 4 low, then 4 high (overridden per run).
    const low: number[] = []
    for (let i = 0; i < 4; i++) low.push(await runManually(workflow, {}, { priority: 'low' }))
    const high: number[] = []
    for (let i = 0; i < 4; i++) high.push(await runManually(workflow, {}, { priority: 'high' }))
    worker = await startWorker({ concurrency: 1 })
    for (const id of [...low, ...high]) await waitForStatus(id, ['succeeded'])
    const rows = await db
      .from('executions')
      .whereIn('id', [...low, ...high])
      .orderBy('started_at')
      .orderBy('id')
    const order = rows.map((row) => (high.includes(Number(row.id)) ? 'high' : 'low'))
    // The very first pick may be either queue; after that every high one goes first.
    assert.deepEqual(order.slice(-3), ['low', 'low', 'low'], order.join(','))
    assert.isAtMost(order.lastIndexOf('high'), 4, order.join(','))
  })
})
