import { test } from '@japa/runner'
import http from 'node:http'
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
import { breakerSettings, breakerState } from '#workflows/reliability/circuit_breaker'
import { clearReliabilityCache } from '#workflows/reliability/workflow_settings'

// The SSRF guard refuses loopback except for hosts allowed in tests (read when the shared
// client is created, i.e. after every spec file was imported).
process.env.WORKFLOW_HTTP_ALLOW_HOSTS = [process.env.WORKFLOW_HTTP_ALLOW_HOSTS, '127.0.0.1']
  .filter(Boolean)
  .join(',')

const stateOf = (tenantId: number, host: string) =>
  breakerState(tenantId, host).then((breaker) => breaker.state)

/** A partner API that answers 503 while `down`. */
async function partnerApi() {
  const state = { down: true, hits: 0 }
  const server = http.createServer((_request, response) => {
    state.hits++
    response.writeHead(state.down ? 503 : 200, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ ok: !state.down }))
  })
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as any).port))
  )
  return { state, server, port, host: `127.0.0.1:${port}` }
}

test.group('Reliability: circuit breaker shared across workers, self-healing', (group) => {
  const workers: WorkflowWorker[] = []
  const original = { ...breakerSettings }
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    clearReliabilityCache()
    return async () => {
      Object.assign(breakerSettings, original)
      for (const worker of workers.splice(0)) await worker.stop()
    }
  })

  test('opens after N failures on one worker, fails fast on another, half-open probe closes it and dead letters heal', async ({
    assert,
  }) => {
    const api = await partnerApi()
    try {
      breakerSettings.threshold = 3
      breakerSettings.halfOpenAfterMs = 300
      const { tenant, user } = await createTenantWithUser('owner')
      const workflow = await publishedWorkflow(
        tenant.id,
        user.id,
        chain(
          node('start', 'manual'),
          node('call', 'http_request', {
            method: 'GET',
            url: `http://${api.host}/orders`,
            retry: { maxAttempts: 1 },
          })
        )
      )
      const runToEnd = async () => {
        const id = await runManually(workflow, {})
        return waitForStatus(id, ['succeeded', 'failed'])
      }

      // Worker A sees three 503s in a row: the breaker opens (state in Redis).
      const a = await startWorker({ concurrency: 1 })
      workers.push(a)
      const failed = []
      for (let i = 0; i < 3; i++) failed.push(await runToEnd())
      assert.deepEqual(
        failed.map((e) => e.error?.code),
        ['http_503', 'http_503', 'http_503']
      )
      assert.equal(await stateOf(tenant.id, api.host), 'open')
      await a.stop()

      // Worker B (a fresh breaker in memory) fails fast without calling the partner.
      const b = await startWorker({ concurrency: 1 })
      workers.push(b)
      const fast = await runToEnd()
      assert.equal(fast.error?.code, 'circuit_open')
      assert.equal(fast.error?.category, 'transient')
      assert.equal(api.state.hits, 3)

      // The partner recovers; after the cool-down a half-open probe succeeds and closes it.
      api.state.down = false
      const probe = await eventually(async () => {
        const execution = await runToEnd()
        return execution.status === 'succeeded' ? execution : null
      }, 'a successful half-open probe')
      assert.equal(probe.status, 'succeeded')
      assert.equal(await stateOf(tenant.id, api.host), 'closed')

      // Self-healing: every dead-lettered execution of that target is retried and succeeds.
      const letters = await db
        .from('workflow_dead_letters')
        .where('tenant_id', tenant.id)
        .select('execution_id')
      const deadIds = letters.map((row) => Number(row.execution_id))
      assert.includeMembers(deadIds, [...failed.map((e) => e.id), fast.id])
      for (const id of deadIds) {
        const healed = await waitForStatus(id, ['succeeded'])
        assert.equal(healed.status, 'succeeded')
      }
      const open = await db
        .from('workflow_dead_letters')
        .where({ tenant_id: tenant.id, status: 'open' })
      assert.lengthOf(open, 0)
    } finally {
      await new Promise<void>((resolve) => api.server.close(() => resolve()))
    }
  })

  test('4xx answers do not count; breakers are per tenant', async ({ assert }) => {
    const api = await partnerApi()
    try {
      breakerSettings.threshold = 2
      const first = await createTenantWithUser('owner')
      const second = await createTenantWithUser('owner')
      const graphFor = (path: string) =>
        chain(
          node('start', 'manual'),
          node('call', 'http_request', {
            method: 'GET',
            url: `http://${api.host}${path}`,
            retry: { maxAttempts: 1 },
          })
        )
      const broken = await publishedWorkflow(first.tenant.id, first.user.id, graphFor('/x'))
      const other = await publishedWorkflow(second.tenant.id, second.user.id, graphFor('/x'))
      workers.push(await startWorker({ concurrency: 1 }))
      for (let i = 0; i < 2; i++) {
        await waitForStatus(await runManually(broken, {}), ['failed'])
      }
      assert.equal(await stateOf(first.tenant.id, api.host), 'open')
      assert.equal(await stateOf(second.tenant.id, api.host), 'closed')
      const otherRun = await waitForStatus(await runManually(other, {}), ['failed'])
      assert.equal(otherRun.error?.code, 'http_503', 'the other tenant still reaches the partner')
    } finally {
      await new Promise<void>((resolve) => api.server.close(() => resolve()))
    }
  })
})
