import { test } from '@japa/runner'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import {
  chain,
  closeWorkflowConnections,
  node,
  publishedWorkflow,
  resetWorkflowState,
  startWorker,
  waitForStatus,
  WEBHOOK_TOKEN,
} from '#tests/helpers/workflows'
import { workflowService } from '#workflows/services/workflow_service'
import { runManually } from '#workflows/services/execution_service'
import type { WorkflowWorker } from '#workflows/runtime/worker'
import type { WorkflowGraph } from '#workflows/engine/graph'

/** The callee: a form (amount, name) → waits an hour → returns { label, amount }. */
function quoteGraph(): WorkflowGraph {
  return chain(
    node('start', 'manual', {
      fields: [
        { key: 'amount', label: 'Amount', type: 'number', required: true },
        { key: 'name', label: 'Name', type: 'string', required: true },
      ],
    }),
    node('pause', 'delay', { mode: 'duration', duration: '1h' }),
    node('answer', 'return', { values: { label: 'Quote for {{trigger.name}}', amount: '1' } })
  )
}

/** Its next version: `name` renamed `customerName`, `label` no longer returned. */
function renamedQuoteGraph(): WorkflowGraph {
  const graph = quoteGraph()
  graph.nodes[0].config.fields = [
    { key: 'amount', label: 'Amount', type: 'number', required: true },
    { key: 'customerName', label: 'Customer', type: 'string', required: true },
  ]
  graph.nodes[2].config.values = { amount: '1' }
  return graph
}

function callerGraph(calleeId: number, extra: Record<string, unknown> = {}) {
  return chain(
    node('start', 'manual'),
    node('call', 'sub_workflow', {
      workflowId: calleeId,
      mode: 'sync',
      parameters: { amount: '{{trigger.total}}', name: '{{trigger.customer}}' },
      ...extra,
    }),
    node('use', 'set_variables', { variables: { text: '{{steps.call.result.label}}' } })
  )
}

test.group('Impact analysis', (group) => {
  let worker: WorkflowWorker | null = null
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    return async () => {
      await worker?.stop()
      worker = null
    }
  })

  test('before publish: callers, unfinished executions and the callers whose mapping breaks', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const quote = await publishedWorkflow(tenant.id, user.id, quoteGraph(), 'Quote')
    const latest = await publishedWorkflow(tenant.id, user.id, callerGraph(quote.id), 'Sales desk')
    const pinned = await publishedWorkflow(
      tenant.id,
      user.id,
      callerGraph(quote.id, { version: 1, parameters: { amount: 'lots', name: 'x' } }),
      'Pinned desk'
    )
    // A caller still in draft passing a literal that is not a number.
    const drafted = await workflowService.create(tenant.id, user.id, {
      name: 'Draft desk',
      graph: callerGraph(quote.id, { parameters: { amount: 'abc', name: 'Bo' } }),
    })

    // One execution parked on the delay, one queued with no worker to take it.
    worker = await startWorker()
    const waitingId = await runManually(quote, { amount: 5, name: 'Ada' })
    await waitForStatus(waitingId, ['waiting'])
    await worker.stop()
    worker = null
    const queuedId = await runManually(quote, { amount: 6, name: 'Bo' })

    await workflowService.saveDraft(quote, renamedQuoteGraph())
    const response = await client
      .get(`/api/v1/workflows/${quote.id}/impact?action=publish`)
      .loginAs(user)
    response.assertStatus(200)
    const report = response.body().data
    assert.equal(report.action, 'publish')

    assert.deepEqual(
      report.callers.map((c: any) => [c.workflow.name, c.pinnedVersion, c.effect]),
      [
        ['Pinned desk', 1, 'keeps_pinned_version'],
        ['Sales desk', null, 'uses_new_version'],
      ]
    )
    assert.deepInclude(report.executions, { queued: 1, running: 0, waiting: 1, total: 2 })
    assert.deepEqual(report.executions.recentIds, [queuedId, waitingId])

    const warnings = report.warnings.map((w: any) => [w.callerId, w.code, w.key])
    assert.sameDeepMembers(warnings, [
      [latest.id, 'missing_parameter', 'customerName'],
      [latest.id, 'unknown_parameter', 'name'],
      [latest.id, 'missing_return_value', 'label'],
      [drafted.id, 'parameter_type', 'amount'],
      [drafted.id, 'missing_parameter', 'customerName'],
      [drafted.id, 'unknown_parameter', 'name'],
      [drafted.id, 'missing_return_value', 'label'],
    ])
    assert.notInclude(
      report.warnings.map((w: any) => w.callerId),
      pinned.id
    )
    const missing = report.warnings.find(
      (w: any) => w.code === 'missing_parameter' && w.callerId === latest.id
    )
    assert.include(missing.message, 'Sales desk')
    assert.include(missing.message, 'customerName')
    const typed = report.warnings.find((w: any) => w.code === 'parameter_type')
    assert.include(typed.message, '(draft)')
    assert.include(typed.message, 'must be a number')
    // A manual trigger is not an automatic one: nothing starts or stops.
    assert.deepEqual(report.triggers, [])
  })

  test('before publish: a schedule shows its next runs, also for the unsaved graph of the builder', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const schedule = (cron: string) =>
      chain(
        node('tick', 'schedule', { cron, timezone: 'UTC' }),
        node('note', 'set_variables', { variables: { at: 'now' } })
      )
    const nightly = await publishedWorkflow(tenant.id, user.id, schedule('0 2 * * *'), 'Nightly')

    const same = await client
      .get(`/api/v1/workflows/${nightly.id}/impact?action=publish`)
      .loginAs(user)
    same.assertStatus(200)
    assert.deepEqual(
      same.body().data.triggers.map((t: any) => [t.kind, t.change, t.detail]),
      [['schedule', 'continues', '0 2 * * * (UTC)']]
    )

    // The builder asks about what is on its canvas, not the saved draft.
    const response = await client
      .post(`/api/v1/workflows/${nightly.id}/impact`)
      .json({ action: 'publish', graph: schedule('30 10 * * 1') })
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(200)
    const report = response.body().data
    assert.deepEqual(
      report.triggers.map((t: any) => [t.kind, t.change]),
      [['schedule', 'changes']]
    )
    assert.lengthOf(report.schedules, 1)
    assert.equal(report.schedules[0].cron, '30 10 * * 1')
    assert.lengthOf(report.schedules[0].nextRuns, 3)
    for (const run of report.schedules[0].nextRuns) {
      const date = new Date(run)
      assert.equal(date.getUTCDay(), 1)
      assert.equal(date.getUTCHours(), 10)
      assert.equal(date.getUTCMinutes(), 30)
    }

    const broken = await client
      .post(`/api/v1/workflows/${nightly.id}/impact`)
      .json({ action: 'publish', graph: { nodes: 'nope' } })
      .withCsrfToken()
      .loginAs(user)
    broken.assertStatus(422)
  })

  test('before archive: the triggers that stop, the schedule runs that will not happen and the callers that break', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const hook = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('hook', 'webhook', { token: WEBHOOK_TOKEN }),
        node('note', 'set_variables', { variables: { a: '1' } })
      ),
      'Inbound hook'
    )
    const onPaid = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('paid', 'entity_event', { event: 'invoice.paid' }),
        node('note', 'set_variables', { variables: { a: '1' } })
      ),
      'On paid'
    )
    const nightly = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('tick', 'schedule', { cron: '0 2 * * *', timezone: 'UTC' }),
        node('call', 'sub_workflow', { workflowId: onPaid.id, mode: 'async', parameters: {} })
      ),
      'Nightly'
    )

    const response = await client
      .get(`/api/v1/workflows/${hook.id}/impact?action=archive`)
      .loginAs(user)
    response.assertStatus(200)
    assert.deepEqual(
      response.body().data.triggers.map((t: any) => [t.kind, t.change, t.detail]),
      [['webhook', 'stops', `POST /api/v1/hooks/${hook.id}/…`]]
    )

    const paid = await client
      .get(`/api/v1/workflows/${onPaid.id}/impact?action=archive`)
      .loginAs(user)
    const paidReport = paid.body().data
    assert.deepEqual(
      paidReport.triggers.map((t: any) => [t.kind, t.change, t.detail]),
      [['event', 'stops', 'invoice.paid']]
    )
    assert.deepEqual(
      paidReport.callers.map((c: any) => [c.workflow.id, c.effect]),
      [[nightly.id, 'calls_fail']]
    )
    assert.deepEqual(
      paidReport.warnings.map((w: any) => [w.code, w.callerId]),
      [['caller_breaks', nightly.id]]
    )

    const night = await client
      .get(`/api/v1/workflows/${nightly.id}/impact?action=archive`)
      .loginAs(user)
    const nightReport = night.body().data
    assert.deepEqual(
      nightReport.schedules.map((s: any) => [s.change, s.nextRuns.length]),
      [['stops', 3]]
    )

    // Paused: its triggers are not firing, so archiving stops nothing more.
    await workflowService.pause(hook)
    const paused = await client
      .get(`/api/v1/workflows/${hook.id}/impact?action=archive`)
      .loginAs(user)
    assert.deepEqual(
      paused.body().data.triggers.map((t: any) => t.change),
      ['idle']
    )
  })

  test('bulk archive reports per workflow; a caller archived in the same batch does not break', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const callee = await publishedWorkflow(tenant.id, user.id, quoteGraph(), 'Quote')
    const caller = await publishedWorkflow(tenant.id, user.id, callerGraph(callee.id), 'Desk')

    const response = await client
      .get(`/api/v1/dependencies/impact?action=archive&ids=${callee.id},${caller.id}`)
      .loginAs(user)
    response.assertStatus(200)
    const reports = response.body().data
    assert.deepEqual(
      reports.map((r: any) => r.workflow.id),
      [callee.id, caller.id]
    )
    assert.deepEqual(
      reports[0].callers.map((c: any) => [c.workflow.id, c.effect]),
      [[caller.id, 'also_archived']]
    )
    assert.deepEqual(reports[0].warnings, [])

    const alone = await client
      .get(`/api/v1/dependencies/impact?action=archive&ids[]=${callee.id}`)
      .loginAs(user)
    alone.assertStatus(200)
    assert.deepEqual(
      alone.body().data[0].warnings.map((w: any) => w.code),
      ['caller_breaks']
    )

    const bad = await client
      .get(`/api/v1/dependencies/impact?action=publish&ids=${callee.id}`)
      .loginAs(user)
    bad.assertStatus(422)
  })

  test('impact is for builders of the same tenant', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const quote = await publishedWorkflow(tenant.id, user.id, quoteGraph(), 'Quote')
    const viewer = await addMember(tenant, 'viewer')

    const denied = await client
      .get(`/api/v1/workflows/${quote.id}/impact?action=publish`)
      .loginAs(viewer)
    denied.assertStatus(403)
    const deniedPost = await client
      .post(`/api/v1/workflows/${quote.id}/impact`)
      .json({ action: 'publish' })
      .withCsrfToken()
      .loginAs(viewer)
    deniedPost.assertStatus(403)
    const deniedBulk = await client
      .get(`/api/v1/dependencies/impact?action=archive&ids=${quote.id}`)
      .loginAs(viewer)
    deniedBulk.assertStatus(403)
    // Viewers still read the dependencies themselves.
    const readable = await client.get(`/api/v1/workflows/${quote.id}/dependencies`).loginAs(viewer)
    readable.assertStatus(200)

    const other = await createTenantWithUser('owner')
    const foreign = await client
      .get(`/api/v1/workflows/${quote.id}/impact?action=archive`)
      .loginAs(other.user)
    foreign.assertStatus(404)
    const foreignBulk = await client
      .get(`/api/v1/dependencies/impact?action=archive&ids=${quote.id}`)
      .loginAs(other.user)
    foreignBulk.assertStatus(404)

    const invalid = await client
      .get(`/api/v1/workflows/${quote.id}/impact?action=delete`)
      .loginAs(user)
    invalid.assertStatus(422)
    assert.equal(invalid.body().errors[0].field, 'action')
  })
})
