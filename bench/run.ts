/**
 * `npm run bench`: the issue 4 benchmark on real PostgreSQL and Redis. Uses its own database
 * (BENCH_DATABASE, default `logiaccounting_bench`, created and migrated if needed) and prints JSON
 * plus a table; the JSON is also written to bench/results.json.
 *
 *   BENCH_SECONDS (default 20)  measurement window of each throughput run
 *   BENCH_RATE (default 200)    events per second of the latency run
 *   BENCH_LOW_RATE (default 50) events per second of a second latency run below saturation
 *   BENCH_CONCURRENCY (16)      WORKFLOW_CONCURRENCY of each worker process
 *   BENCH_REDIS_DB (15)         Redis database of the run (emptied at the start)
 *   BENCH_ONLY                  a diagnostic run of one scenario: `one`, `two`, `http`, `latency`
 *                               or `low` (prints its figures; bench/results.json is left alone)
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import os from 'node:os'
import knex from 'knex'
import { ensureEnvFile } from '../app/core/dev/env_file.js'
import { ensureProductionBuild } from './production_build.js'

const database = process.env.BENCH_DATABASE ?? 'logiaccounting_bench'
process.env.DB_DATABASE = database
// Its own Redis database too: the bench empties it, never the one the app uses.
process.env.REDIS_DB = process.env.BENCH_REDIS_DB ?? '15'
process.env.LOG_LEVEL ??= 'warn'
const seconds = Number(process.env.BENCH_SECONDS ?? 20)
const rate = Number(process.env.BENCH_RATE ?? 200)
const lowRate = Number(process.env.BENCH_LOW_RATE ?? 50)
const concurrency = process.env.BENCH_CONCURRENCY ?? '16'

async function prepareDatabase(root: string) {
  const client = knex({
    client: 'pg',
    connection: {
      host: process.env.DB_HOST ?? '127.0.0.1',
      port: Number(process.env.DB_PORT ?? 5432),
      user: process.env.DB_USER ?? 'postgres',
      password: process.env.DB_PASSWORD || undefined,
      database: 'postgres',
    },
  })
  try {
    await client.raw(`CREATE DATABASE "${database.replaceAll('"', '')}"`)
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error
  } finally {
    await client.destroy()
  }
  execFileSync(process.execPath, ['ace.js', 'migration:run', '--force'], {
    cwd: root,
    env: process.env,
    stdio: 'ignore',
  })
}

const { APP_ROOT, bootApp } = await import('./app.js')
const root = fileURLToPath(APP_ROOT)
// A fresh clone has no .env yet; the bench needs one like `npm run dev` does.
if (await ensureEnvFile(root)) console.error('bench: created .env from .env.example')
await prepareDatabase(root)
console.error('bench: building the app (node ace build) for the worker processes')
const workerRoot = ensureProductionBuild(root)
const app = await bootApp()
const { createBenchTenant } = await import('./fixtures.js')
const { engineOverhead, latency, throughput } = await import('./scenarios.js')

const { default: redis } = await import('@adonisjs/redis/services/main')
await redis.flushdb()
const started = Date.now()
const { tenant, user, leads } = await createBenchTenant()
const context = {
  tenantId: tenant.id,
  userId: user.id,
  leads,
  workerEnv: {
    DB_DATABASE: database,
    REDIS_DB: process.env.REDIS_DB!,
    WORKFLOW_CONCURRENCY: concurrency,
  },
  workerRoot,
}
console.error(`bench: tenant ${tenant.id} in database ${database}`)
async function shutdown() {
  const { closeProducers } = await import('#workflows/runtime/queue')
  await closeProducers()
  await app.terminate()
}

const only = process.env.BENCH_ONLY
if (only) {
  const scenarios: Record<string, () => Promise<unknown>> = {
    one: () => throughput(context, { workers: 1, seconds }),
    two: () => throughput(context, { workers: 2, seconds }),
    http: () => throughput(context, { workers: 1, seconds, http: true }),
    latency: () => latency(context, rate, 10),
    low: () => latency(context, lowRate, 10),
  }
  if (!scenarios[only]) throw new Error(`BENCH_ONLY: unknown scenario ${only}`)
  console.log(JSON.stringify(await scenarios[only](), null, 2))
  await shutdown()
  process.exit(0)
}
const engine = engineOverhead()
console.error('bench: engine overhead measured')
const one = await throughput(context, { workers: 1, seconds })
console.error(`bench: 1 worker: ${one.executionsPerSecond} executions/s`)
const two = await throughput(context, { workers: 2, seconds })
console.error(`bench: 2 workers: ${two.executionsPerSecond} executions/s`)
const http = await throughput(context, { workers: 1, seconds, http: true })
console.error(`bench: 1 worker, HTTP step: ${http.executionsPerSecond} executions/s`)
const lat = await latency(context, rate, 10)
// The same path at a rate this machine sustains: the latency of the engine, not of a backlog.
const low = await latency(context, lowRate, 10)
console.error('bench: latency measured')

const results = {
  machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() },
  database,
  durationSeconds: Math.round((Date.now() - started) / 1000),
  throughput: [one, two, http],
  latency: lat,
  latencyBelowSaturation: low,
  engine,
  workerPeakRssMb: Math.max(
    ...one.workerPeakRssMb,
    ...two.workerPeakRssMb,
    ...http.workerPeakRssMb
  ),
}
console.log(JSON.stringify(results, null, 2))
const rows: Array<[string, string, string]> = [
  ['(a) throughput, 1 worker', `${one.executionsPerSecond} exec/s`, '≥ 1000 exec/s'],
  ['(a) throughput, 2 workers', `${two.executionsPerSecond} exec/s`, '≥ 1000 exec/s'],
  ['(a) 1 worker, HTTP step + breaker', `${http.executionsPerSecond} exec/s`, ''],
  ['(b) event → first step p50/p95/p99', fmt(lat.eventToFirstStepMs), 'p99 ≤ 25 ms'],
  ['(b) event → finished p50/p95/p99', fmt(lat.eventToFinishedMs), ''],
  [`(b) at ${lowRate} events/s: → first step`, fmt(low.eventToFirstStepMs), ''],
  ['(c) engine CPU per step', `${engine.cpuMsPerStep} ms`, '≤ 0.5 ms'],
  ['(d) worker peak RSS', `${results.workerPeakRssMb.toFixed(1)} MB`, '≤ 250 MB'],
]
console.log(`\n${'measurement'.padEnd(38)}${'result'.padEnd(26)}target`)
for (const [name, value, target] of rows)
  console.log(`${name.padEnd(38)}${value.padEnd(26)}${target}`)
writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n')

function fmt(summary: { p50: number; p95: number; p99: number }) {
  return `${summary.p50} / ${summary.p95} / ${summary.p99} ms`
}

await shutdown()
