/**
 * Real processes: workers and schedulers started with `node ace …`, killed and restarted.
 */
import { test } from '@japa/runner'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import db from '@adonisjs/lucid/services/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import {
  chain,
  closeWorkflowConnections,
  eventually,
  node,
  publishedWorkflow,
  resetWorkflowState,
  spawnAce,
  waitForStatus,
  type AceChild,
} from '#tests/helpers/workflows'
import { runManually } from '#workflows/services/execution_service'

const FAST_RECOVERY = {
  WORKFLOW_LEASE_MS: '1500',
  WORKFLOW_STALL_MS: '1000',
  WORKFLOW_SWEEP_MS: '500',
  WORKFLOW_SWEEP_GRACE_MS: '500',
  WORKFLOW_HTTP_ALLOW_HOSTS: '127.0.0.1',
}

/**
 * A payment API that applies each Idempotency-Key once. It holds the very first request open
 * (never answers it), so the test can kill the worker while that step is in flight.
 */
function paymentServer() {
  const requests: string[] = []
  const charges = new Map<string, number>()
  const held: http.ServerResponse[] = []
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '')
      requests.push(key)
      if (!charges.has(key)) charges.set(key, charges.size + 1)
      if (requests.length === 1) {
        held.push(res)
        return
      }
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ chargeId: charges.get(key) }))
    })
  })
  return {
    requests,
    charges,
    async listen() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      return (server.address() as AddressInfo).port
    },
    async close() {
      for (const res of held) res.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

test.group('Workflow processes', (group) => {
  const children: AceChild[] = []
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    return async () => {
      await Promise.all(children.splice(0).map((child) => child.stop('SIGKILL')))
    }
  })

  test('a worker killed while a side-effecting step is in flight: another worker finishes it, the effect happens once', async ({
    assert,
  }) => {
    const payments = paymentServer()
    const port = await payments.listen()
    try {
      const { tenant, user } = await createTenantWithUser('owner')
      const workflow = await publishedWorkflow(
        tenant.id,
        user.id,
        chain(
          node('start', 'manual'),
          node('charge', 'http_request', {
            method: 'POST',
            url: `http://127.0.0.1:${port}/charges`,
            body: { amount: 500, customer: '{{trigger.customer}}' },
          }),
          node('record', 'create_entity', {
            entity: 'lead',
            data: {
              name: 'Paid by {{trigger.customer}} #{{steps.charge.body.chargeId}}',
              source: 'website',
            },
          })
        )
      )
      const first = await spawnAce(['workflow:work', '--no-relay'], 'WORKER_READY', FAST_RECOVERY)
      children.push(first)
      await first.ready

      const executionId = await runManually(workflow, { customer: 'Ada' })
      await eventually(async () => payments.requests.length >= 1, 'the charge request')
      const inFlight = await db
        .from('execution_steps')
        .where({ execution_id: executionId, node_id: 'charge' })
        .first()
      assert.equal(inFlight.status, 'running', 'the step was marked in flight before the call')

      first.child.kill('SIGKILL')
      await first.exited

      const second = await spawnAce(['workflow:work', '--no-relay'], 'WORKER_READY', FAST_RECOVERY)
      children.push(second)
      const done = await waitForStatus(executionId, ['succeeded', 'failed'], 30_000)
      assert.equal(done.status, 'succeeded', JSON.stringify(done.error))

      assert.isAtLeast(payments.requests.length, 2, 'the step re-ran after the crash')
      assert.deepEqual(new Set(payments.requests), new Set([`${executionId}:charge:`]))
      assert.equal(payments.charges.size, 1, 'one charge for one idempotency key')
      const leads = await db.from('crm_leads').where('tenant_id', tenant.id)
      assert.lengthOf(leads, 1)
      assert.equal(leads[0].name, 'Paid by Ada #1')
      const charge = await db
        .from('execution_steps')
        .where({ execution_id: executionId, node_id: 'charge' })
        .first()
      assert.equal(charge.attempt, 2)

      // Graceful stop on SIGTERM exits cleanly.
      assert.equal(await second.stop('SIGTERM'), 0)
    } finally {
      await payments.close()
    }
  }).timeout(90_000)

  test('two scheduler processes: every tick of a schedule fires exactly once', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('every_second', 'schedule', { cron: '* * * * * *', timezone: 'UTC' }),
        node('v', 'set_variables', { variables: { at: '{{trigger.scheduledFor}}' } })
      )
    )
    const schedulers = await Promise.all([
      spawnAce(['workflow:schedule'], 'SCHEDULER_READY'),
      spawnAce(['workflow:schedule'], 'SCHEDULER_READY'),
    ])
    children.push(...schedulers)
    await Promise.all(schedulers.map((s) => s.ready))
    const bothRunningSince = Date.now()
    await eventually(
      async () => {
        const rows = await db
          .from('executions')
          .where('workflow_id', workflow.id)
          .where('created_at', '>', new Date(bothRunningSince + 1000))
        return rows.length >= 3
      },
      'three ticks while both schedulers run',
      30_000
    )
    await Promise.all(schedulers.map((s) => s.stop('SIGTERM')))

    const rows = await db
      .from('executions')
      .where('workflow_id', workflow.id)
      .orderBy('trigger_key')
    const ticks = rows.map((row) => Date.parse(String(row.trigger_key).slice('tick:'.length)))
    assert.equal(new Set(ticks).size, ticks.length, 'no tick fired twice')
    for (let i = 1; i < ticks.length; i++) {
      assert.equal(ticks[i] - ticks[i - 1], 1000, 'no tick was skipped either')
    }
  }).timeout(90_000)

  test('workflow:run starts a workflow with a JSON input and prints its steps and result', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual', {
          fields: [{ key: 'name', label: 'Name', type: 'string', required: true }],
        }),
        node('greet', 'set_variables', { variables: { greeting: 'Hi {{trigger.name}}' } })
      )
    )
    const run = await spawnAce(
      ['workflow:run', String(workflow.id), '--input', '{"name":"Ada"}', '--inline'],
      'succeeded'
    )
    children.push(run)
    assert.equal(await run.exited, 0, run.output())
    assert.match(run.output(), /execution \d+/)
    assert.match(run.output(), /greet \(set_variables\)/)
    assert.include(run.output(), '"greeting": "Hi Ada"')

    const refused = await spawnAce(
      ['workflow:run', String(workflow.id), '--input', '{}', '--inline'],
      'Name is required'
    )
    children.push(refused)
    assert.equal(await refused.exited, 1)
    assert.include(refused.output(), 'Name is required')
  }).timeout(60_000)
})
