/**
 * Chaos: 200 executions on two real worker processes while one of them is SIGKILLed and
 * restarted three times. Every execution must end succeeded or in the dead-letter queue with a
 * reason; none is lost; no side effect happens twice (one lead per execution in our database,
 * one applied charge per Idempotency-Key at the partner).
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
  type AceChild,
} from '#tests/helpers/workflows'
import { startExecutions } from '#workflows/services/execution_service'

const TOTAL = 200

const WORKER_ENV = {
  WORKFLOW_LEASE_MS: '1500',
  WORKFLOW_STALL_MS: '1000',
  WORKFLOW_SWEEP_MS: '500',
  WORKFLOW_SWEEP_GRACE_MS: '1000',
  WORKFLOW_HTTP_ALLOW_HOSTS: '127.0.0.1',
  // The partner's planned 503s must not open the breaker: this test is about crashes.
  WORKFLOW_BREAKER_THRESHOLD: '1000',
}

/**
 * A partner API applying each Idempotency-Key once: n % 25 = 0 is refused for good (400),
 * n % 10 = 0 fails its first call (503, retried), everything else is charged.
 */
function partner() {
  const charges = new Map<string, number>()
  const seen = new Set<string>()
  let requests = 0
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      requests++
      const key = String(req.headers['idempotency-key'] ?? '')
      const n = Number(JSON.parse(body || '{}').n)
      const first = !seen.has(key)
      seen.add(key)
      res.setHeader('content-type', 'application/json')
      if (n % 25 === 0) {
        res.statusCode = 400
        return res.end(JSON.stringify({ error: 'card declined' }))
      }
      if (n % 10 === 0 && first) {
        res.statusCode = 503
        return res.end(JSON.stringify({ error: 'busy' }))
      }
      if (!charges.has(key)) charges.set(key, n)
      // A little latency, so kills land while calls are in flight.
      setTimeout(() => res.end(JSON.stringify({ charged: n })), 3)
    })
  })
  return {
    charges,
    requests: () => requests,
    async listen() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      return (server.address() as AddressInfo).port
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

const finishedCount = async () => {
  const row = await db
    .from('executions')
    .whereIn('status', ['succeeded', 'failed'])
    .count('* as n')
    .first()
  return Number(row.n)
}

test.group('Reliability: chaos', (group) => {
  const children: AceChild[] = []
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    return async () => {
      await Promise.all(children.splice(0).map((child) => child.stop('SIGKILL')))
    }
  })

  test('200 executions, a worker killed and restarted 3 times: all end, none lost, no duplicate effect', async ({
    assert,
  }) => {
    const api = partner()
    const port = await api.listen()
    try {
      const { tenant, user } = await createTenantWithUser('owner')
      const workflow = await publishedWorkflow(
        tenant.id,
        user.id,
        chain(
          node('start', 'manual'),
          node('lead', 'create_entity', {
            entity: 'lead',
            data: { name: 'Chaos {{trigger.n}}', source: 'website' },
          }),
          node('pay', 'http_request', {
            method: 'POST',
            url: `http://127.0.0.1:${port}/charges`,
            body: { n: '{{trigger.n}}' },
            retry: { maxAttempts: 3, backoff: 'fixed', delayMs: 20 },
          })
        )
      )
      const spawnWorker = async () => {
        const child = await spawnAce(
          ['workflow:work', '--concurrency=8', '--no-relay'],
          'WORKER_READY',
          WORKER_ENV
        )
        children.push(child)
        await child.ready
        return child
      }
      const steady = await spawnWorker()
      let victim = await spawnWorker()

      const ids = await startExecutions(
        Array.from({ length: TOTAL }, (_, index) => ({
          tenantId: tenant.id,
          workflowId: workflow.id,
          versionId: workflow.activeVersionId!,
          triggerType: 'manual',
          priority: 'normal' as const,
          input: { n: index + 1 },
        }))
      )
      assert.lengthOf(
        ids.filter((id) => id !== null),
        TOTAL
      )

      for (const threshold of [30, 80, 130]) {
        await eventually(
          async () => (await finishedCount()) >= threshold,
          `${threshold} finished`,
          60_000
        )
        await victim.stop('SIGKILL')
        victim = await spawnWorker()
      }
      await eventually(
        async () => (await finishedCount()) === TOTAL,
        'every execution finished',
        120_000
      )
      assert.isTrue(steady.child.exitCode === null, 'the steady worker kept running')

      const rows = await db.from('executions').where('workflow_id', workflow.id)
      assert.lengthOf(rows, TOTAL, 'none lost')
      const failed = rows.filter((row) => row.status === 'failed')
      const succeeded = rows.filter((row) => row.status === 'succeeded')
      const planned = Array.from({ length: TOTAL }, (_, i) => i + 1).filter((n) => n % 25 === 0)
      assert.sameMembers(
        failed.map((row) => row.input.n),
        planned
      )
      assert.lengthOf(succeeded, TOTAL - planned.length)

      // Every failure is in the DLQ with a reason. A worker killed between a failure's final
      // checkpoint and its dead letter leaves it to the sweeper's repair pass (15 s later).
      const letters = await eventually(
        async () => {
          const found = await db.from('workflow_dead_letters').where('workflow_id', workflow.id)
          return found.length >= failed.length ? found : null
        },
        'every failure dead-lettered',
        90_000
      )
      assert.sameMembers(
        letters.map((letter) => Number(letter.execution_id)),
        failed.map((row) => Number(row.id))
      )
      for (const letter of letters) {
        assert.equal(letter.category, 'validation')
        assert.equal(letter.node_id, 'pay')
        assert.include(letter.message, 'HTTP 400')
      }

      // Effects: one lead per execution, one charge per succeeded execution.
      const leads = await db.from('crm_leads').where('tenant_id', tenant.id).select('name')
      assert.lengthOf(leads, TOTAL)
      assert.equal(new Set(leads.map((lead) => lead.name)).size, TOTAL, 'no duplicate lead')
      assert.equal(api.charges.size, succeeded.length)
      const charged = [...api.charges.values()].sort((a, b) => a - b)
      assert.deepEqual(
        charged,
        succeeded.map((row) => row.input.n).sort((a: number, b: number) => a - b)
      )
      // Planned 503s were retried.
      const retried = await db
        .from('execution_steps')
        .join('executions', 'executions.id', 'execution_steps.execution_id')
        .where('execution_steps.node_id', 'pay')
        .where('execution_steps.attempt', '>', 1)
        .count('* as n')
        .first()
      assert.isAtLeast(Number(retried.n), 16)
    } finally {
      await api.close()
    }
  }).timeout(240_000)
})
