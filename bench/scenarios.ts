/**
 * The four measurements of issue 4. Each scenario uses its own workflow in the bench tenant and
 * real worker processes (`node ace workflow:work`).
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import db from '@adonisjs/lucid/services/db'
import { recordEvent } from '#core/events/outbox'
import { compileWorkflow } from '#workflows/engine/interpreter'
import { renderConfig } from '#workflows/engine/expressions'
import { nodeRegistry } from '#workflows/nodes/registry'
import { startExecutions } from '#workflows/services/execution_service'
import { workflowService } from '#workflows/services/workflow_service'
import type { StartRequest } from '#workflows/services/execution_service'
import { benchGraph, eventTrigger, publishBenchWorkflow, webhookTrigger } from './fixtures.js'
import { cpuSeconds, peakRssMb, spawnWorker, type WorkerProcess } from './processes.js'

export interface BenchContext {
  tenantId: number
  userId: number
  leads: number[]
  workerEnv: Record<string, string>
  /** The compiled app the worker processes run (bench/production_build.ts). */
  workerRoot: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function dbNow(): Promise<string> {
  const result = await db.rawQuery('SELECT clock_timestamp() AS now')
  return new Date(result.rows[0].now).toISOString()
}

/** The tables every execution writes (and whose dead rows slow the next scenario's scans). */
const HOT_TABLES = [
  'executions',
  'execution_steps',
  'execution_subjects',
  'execution_waits',
  'domain_events',
  'domain_event_deliveries',
  'notifications',
  'crm_leads',
]

/**
 * What autovacuum does between a production database's bursts. This machine's PostgreSQL runs
 * with autovacuum off (its CI configuration), so without it each scenario would scan the dead
 * rows of all earlier ones (the executions table's status indexes first of all).
 */
async function vacuumHotTables() {
  await db.rawQuery(`VACUUM (ANALYZE) ${HOT_TABLES.join(', ')}`)
}

async function startWorkers(count: number, context: BenchContext) {
  await vacuumHotTables()
  const workers: WorkerProcess[] = []
  for (let i = 0; i < count; i++) workers.push(spawnWorker(context.workerEnv, context.workerRoot))
  await Promise.all(workers.map((worker) => worker.ready))
  return workers
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits))

/**
 * The receiver of the HTTP variant's calls, in the bench process: answers 200, and 503 to every
 * `failEvery`-th request (a transient failure the step's retry policy retries; never enough in a
 * row to open the breaker).
 */
async function startReceiver(failEvery: number) {
  const counts = { requests: 0, failed: 0 }
  const server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      counts.requests++
      const fail = counts.requests % failEvery === 0
      if (fail) counts.failed++
      response.writeHead(fail ? 503 : 200, { 'content-type': 'application/json' })
      response.end(fail ? '{"error":"busy"}' : '{"ok":true}')
    })
  })
  server.keepAliveTimeout = 30_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/orders`,
    counts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export interface ThroughputOptions {
  workers: number
  seconds: number
  /** The big-order branch calls an HTTP receiver through the breaker (1 call in 50 fails). */
  http?: boolean
}

/**
 * (a) Sustained throughput: keeps a backlog of webhook-triggered executions queued and counts
 * those that finish during the window (after a warm-up).
 */
export async function throughput(context: BenchContext, options: ThroughputOptions) {
  const { workers: workerCount, seconds } = options
  const receiver = options.http ? await startReceiver(50) : null
  const { workflow, version } = await publishBenchWorkflow(
    context.tenantId,
    context.userId,
    `Throughput x${workerCount}${receiver ? ' HTTP' : ''}`,
    benchGraph(webhookTrigger(), 'body', receiver?.url)
  )
  const workers = await startWorkers(workerCount, {
    ...context,
    // The receiver is on the loopback interface: an internal host the operator allows.
    workerEnv: receiver
      ? { ...context.workerEnv, WORKFLOW_HTTP_PRIVATE_HOSTS: '127.0.0.1' }
      : context.workerEnv,
  })
  const pids = workers.map((worker) => worker.child.pid!)
  let produced = 0
  let stop = false
  const request = (i: number): StartRequest => ({
    tenantId: context.tenantId,
    workflowId: workflow.id,
    versionId: version.id,
    triggerType: 'webhook',
    priority: 'normal',
    input: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      query: {},
      body: { amount: (i * 37) % 100, leadId: context.leads[i % context.leads.length] },
      receivedAt: new Date().toISOString(),
    },
  })
  const producer = (async () => {
    while (!stop) {
      const backlog = await db
        .from('executions')
        .where('tenant_id', context.tenantId)
        .where('status', 'queued')
        .count('* as n')
      if (Number(backlog[0].n) < 1500) {
        const batch = Array.from({ length: 250 }, () => request(produced++))
        await startExecutions(batch)
      } else {
        await sleep(20)
      }
    }
  })()

  await sleep(3000) // warm-up: connections, caches, JIT
  const from = await dbNow()
  const cpuBefore = pids.map(cpuSeconds)
  await sleep(seconds * 1000)
  const to = await dbNow()
  const cpuAfter = pids.map(cpuSeconds)
  stop = true
  await producer
  const finished = await db
    .from('executions')
    .where('workflow_id', workflow.id)
    .whereBetween('finished_at', [from, to])
    .select(db.raw('count(*)::int AS executions'), db.raw('sum(step_count)::int AS checkpoints'))
  const failed = await db
    .from('executions')
    .where('workflow_id', workflow.id)
    .where('status', 'failed')
    .count('* as n')
  const steps = await db
    .from('execution_steps as s')
    .join('executions as e', 'e.id', 's.execution_id')
    .where('e.workflow_id', workflow.id)
    .whereBetween('e.finished_at', [from, to])
    .whereNot('s.status', 'skipped')
    .count('* as n')
  // Let the backlog drain so the next scenario starts from an empty queue.
  const drainUntil = Date.now() + 60_000
  while (Date.now() < drainUntil) {
    const left = await db
      .from('executions')
      .where('tenant_id', context.tenantId)
      .whereIn('status', ['queued', 'running'])
      .count('* as n')
    if (Number(left[0].n) === 0) break
    await sleep(200)
  }
  const rss = pids.map(peakRssMb)
  await Promise.all(workers.map((worker) => worker.stop()))
  await receiver?.close()
  const retried = await db
    .from('execution_steps as s')
    .join('executions as e', 'e.id', 's.execution_id')
    .where('e.workflow_id', workflow.id)
    .where('s.attempt', '>', 1)
    .count('* as n')
  const executions = finished[0].executions
  const cpu = cpuAfter.reduce((sum, value, i) => sum + value - cpuBefore[i], 0)
  return {
    workers: workerCount,
    http: Boolean(receiver),
    windowSeconds: seconds,
    executions,
    executionsPerSecond: round(executions / seconds, 1),
    stepsPerSecond: round(Number(steps[0].n) / seconds, 1),
    failed: Number(failed[0].n),
    /** Steps that succeeded on a later attempt (all runs of this workflow, warm-up and drain included). */
    retriedSteps: Number(retried[0].n),
    httpCalls: receiver ? { ...receiver.counts } : null,
    workerCpuMsPerExecution: executions ? round((cpu * 1000) / executions, 3) : null,
    workerPeakRssMb: rss.map((value) => round(value, 1)),
  }
}

/**
 * (b) Latency at a fixed event rate: each event is committed through the outbox (its own
 * transaction); the trigger listener starts the workflow; we compare the commit time with the
 * first step's start and the execution's end.
 */
export async function latency(context: BenchContext, rate: number, seconds: number) {
  const name = `Latency ${rate}/s`
  const { workflow } = await publishBenchWorkflow(
    context.tenantId,
    context.userId,
    name,
    benchGraph(eventTrigger(), 'entity')
  )
  const workers = await startWorkers(1, context)
  const committed = new Map<string, number>()
  const emit = async (count: number, record: boolean, offset: number) => {
    const started = performance.now()
    const inFlight: Promise<void>[] = []
    for (let i = 0; i < count; i++) {
      const due = started + (i * 1000) / rate
      const wait = due - performance.now()
      if (wait > 1) await sleep(wait)
      const n = offset + i
      inFlight.push(
        db
          .transaction((trx) =>
            recordEvent(trx, {
              tenantId: context.tenantId,
              type: 'invoice.created',
              aggregateType: 'invoice',
              aggregateId: n + 1,
              payload: {
                entity: {
                  id: n + 1,
                  amount: (n * 37) % 100,
                  leadId: context.leads[n % context.leads.length],
                },
              },
            })
          )
          .then((event) => {
            if (record) committed.set(`event:${event.id}`, Date.now())
          })
      )
    }
    await Promise.all(inFlight)
  }
  // Warm-up second (connection pools, JIT, caches), not measured.
  await emit(rate, false, 0)
  await sleep(1000)
  const total = rate * seconds
  await emit(total, true, rate)
  const deadline = Date.now() + 60_000
  let rows: Array<{ trigger_key: string; first_step: string | null; finished_at: string | null }> =
    []
  while (Date.now() < deadline) {
    const result = await db.rawQuery(
      `SELECT e.trigger_key, e.finished_at,
         (SELECT min(s.started_at) FROM execution_steps s WHERE s.execution_id = e.id) AS first_step
       FROM executions e WHERE e.tenant_id = ? AND e.workflow_id = ?`,
      [context.tenantId, workflow.id]
    )
    rows = result.rows.filter((row: { trigger_key: string }) => committed.has(row.trigger_key))
    if (rows.length >= total && rows.every((row) => row.finished_at)) break
    await sleep(250)
  }
  await Promise.all(workers.map((worker) => worker.stop()))
  // A later latency run must not start this workflow too.
  await workflowService.archive(workflow)
  const toFirst: number[] = []
  const toFinish: number[] = []
  for (const row of rows) {
    const at = committed.get(row.trigger_key)
    if (at === undefined) continue
    if (row.first_step) toFirst.push(new Date(row.first_step).getTime() - at)
    if (row.finished_at) toFinish.push(new Date(row.finished_at).getTime() - at)
  }
  toFirst.sort((a, b) => a - b)
  toFinish.sort((a, b) => a - b)
  const summary = (values: number[]) => ({
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values.at(-1) ?? Number.NaN,
  })
  return {
    ratePerSecond: rate,
    events: total,
    executions: rows.length,
    eventToFirstStepMs: summary(toFirst),
    eventToFinishedMs: summary(toFinish),
  }
}

/**
 * (c) Engine CPU per step: the interpreter (frontier, routing, joins), expression contexts and
 * config rendering for the 5-node workflow, with every node's own work left out.
 */
export function engineOverhead(iterations = 20_000) {
  const graph = benchGraph(webhookTrigger(), 'body')
  const compiled = compileWorkflow(graph, nodeRegistry.publicMap())
  const outputs: Record<string, { output: unknown; port?: string }> = {
    hook: { output: { body: { amount: 80, leadId: 1 } } },
    prepare: { output: { amount: '80' } },
    big: { output: { result: true }, port: 'true' },
    notify: { output: { delivered: 1 } },
    touch: { output: { id: 1 } },
  }
  let steps = 0
  const run = () => {
    const state = compiled.start({ input: outputs.hook.output, execution: { id: 1 } })
    const queue = [...state.ready()]
    while (queue.length) {
      const step = queue.shift()!
      const definition = nodeRegistry.getOrFail(step.type.type)
      renderConfig({ ...definition.defaults, ...step.node.config }, state.contextFor(step))
      const result = outputs[step.nodeId]
      queue.push(
        ...state.complete(step.nodeId, step.scopeKey, { status: 'succeeded', ...result }).ready
      )
      steps++
    }
  }
  for (let i = 0; i < 2000; i++) run() // warm-up
  steps = 0
  const before = process.cpuUsage()
  for (let i = 0; i < iterations; i++) run()
  const used = process.cpuUsage(before)
  const cpuMs = (used.user + used.system) / 1000
  return { executions: iterations, steps, cpuMsPerStep: round(cpuMs / steps, 4) }
}
