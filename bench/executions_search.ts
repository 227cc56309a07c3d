/**
 * `npm run bench:search`: the executions list at a million rows. Seeds BENCH_SEARCH_ROWS (default
 * 1,000,000) executions, a tenth of them with a step, into its own tenant of the benchmark database
 * (BENCH_DATABASE, default `logiaccounting_bench`, created and migrated if needed; seeding is
 * skipped when the rows are already there), then times the list queries the UI runs: first and
 * deep keyset pages for each sort and filter, against an OFFSET page for comparison.
 *
 * Seeded executions are finished (succeeded / failed / cancelled), so a runtime benchmark sharing
 * the database never picks them up.
 *
 * Measured here (Nov 2026, 1,000,000 executions + 100,000 steps, median of 5): every list query
 * 1.1–1.9 ms (first or middle page, any sort, status/workflow/trigger/error/date/duration/record
 * filters), payload text 4–8 ms; an OFFSET page in the middle for contrast: 72 ms. Seeding: ~150 s.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'

const database = process.env.BENCH_DATABASE ?? 'logiaccounting_bench'
const rows = Number(process.env.BENCH_SEARCH_ROWS ?? 1_000_000)
const repeats = Number(process.env.BENCH_SEARCH_REPEATS ?? 5)
process.env.DB_DATABASE = database
process.env.LOG_LEVEL ??= 'warn'

const APP_ROOT = new URL('../', import.meta.url)
const TENANT_SLUG = 'bench-executions-search'
const WORKFLOWS = 20
const CHUNK = 100_000

/** Creates the benchmark database when missing (through an extra connection to `postgres`). */
async function prepareDatabase(app: Awaited<ReturnType<typeof bootApp>>) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const main = app.config.get<{ connection: Record<string, unknown> }>(
    `database.connections.${db.primaryConnectionName}`
  )
  db.manager.add('bench_admin', {
    ...(main as any),
    connection: { ...main.connection, database: 'postgres' },
  })
  try {
    await db.connection('bench_admin').rawQuery(`CREATE DATABASE "${database.replaceAll('"', '')}"`)
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error
  } finally {
    await db.manager.close('bench_admin')
  }
  execFileSync(process.execPath, ['ace.js', 'migration:run', '--force'], {
    cwd: fileURLToPath(APP_ROOT),
    env: process.env,
    stdio: 'ignore',
  })
}

async function bootApp() {
  const ignitor = new Ignitor(APP_ROOT, {
    importer: (filePath: string) =>
      filePath.startsWith('./') || filePath.startsWith('../')
        ? import(new URL(filePath, APP_ROOT).href)
        : import(filePath),
  })
  const app = ignitor.createApp('console')
  app.booting(async () => {
    await import('#start/env')
  })
  await app.init()
  await app.boot()
  await app.start(() => {})
  return app
}

const app = await bootApp()
await prepareDatabase(app)
const { default: db } = await import('@adonisjs/lucid/services/db')
const { searchExecutions, encodeCursor } = await import('#workflows/monitoring/execution_search')
type Filters = Parameters<typeof searchExecutions>[1]

/** Words payloads are made of: `rare` words appear in ~0.1% of rows, `common` ones in ~25%. */
const CUSTOMERS = ['Acme', 'Globex', 'Initech', 'Umbrella']

async function ensureSeeded(): Promise<number> {
  let tenant = await db.from('tenants').where('slug', TENANT_SLUG).first()
  if (tenant) {
    const { count } = await db
      .from('executions')
      .where('tenant_id', tenant.id)
      .count('* as count')
      .firstOrFail()
    if (Number(count) >= rows) return Number(tenant.id)
    await db.from('tenants').where('id', tenant.id).delete()
  }
  const now = new Date()
  ;[tenant] = await db
    .table('tenants')
    .insert({
      name: 'Bench: executions search',
      slug: TENANT_SLUG,
      timezone: 'UTC',
      currency: 'USD',
      created_at: now,
      updated_at: now,
    })
    .returning('*')
  const tenantId = Number(tenant.id)
  const graph = {
    nodes: [
      {
        id: 'trigger',
        type: 'entity_event',
        name: 'Invoice paid',
        config: { event: 'invoice.paid' },
        position: { x: 0, y: 0 },
      },
      {
        id: 'deal',
        type: 'create_entity',
        name: 'Follow-up deal',
        config: { entity: 'deal', data: {} },
        position: { x: 260, y: 0 },
      },
    ],
    edges: [{ id: 'e1', source: 'trigger', sourcePort: 'out', target: 'deal', targetPort: 'in' }],
  }
  for (let w = 1; w <= WORKFLOWS; w++) {
    const [workflow] = await db
      .table('workflows')
      .insert({
        tenant_id: tenantId,
        name: `Bench workflow ${w}`,
        status: 'active',
        draft_graph: JSON.stringify(graph),
        webhook_token: `bench-${w}-${Date.now()}`,
        latest_version_number: 1,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
    const [version] = await db
      .table('workflow_versions')
      .insert({
        tenant_id: tenantId,
        workflow_id: workflow.id,
        number: 1,
        graph: JSON.stringify(graph),
        checksum: `bench-${w}`,
        trigger_type: 'entity_event',
        created_at: now,
      })
      .returning('id')
    await db.from('workflows').where('id', workflow.id).update({ active_version_id: version.id })
  }

  const versions = await db
    .from('workflow_versions')
    .where('tenant_id', tenantId)
    .orderBy('id')
    .select('id', 'workflow_id')
  const versionIds = `{${versions.map((v) => v.id).join(',')}}`
  const workflowIds = `{${versions.map((v) => v.workflow_id).join(',')}}`

  const started = Date.now()
  for (let from = 1; from <= rows; from += CHUNK) {
    const to = Math.min(from + CHUNK - 1, rows)
    // Spread over ~30 days, newest last; ~85% succeeded, 10% failed, 5% cancelled.
    await db.rawQuery(
      `INSERT INTO executions (tenant_id, workflow_id, version_id, status, trigger_type, priority,
         input, error, step_count, created_at, started_at, finished_at, updated_at)
       SELECT :tenant, (:workflowIds::bigint[])[1 + i % ${WORKFLOWS}],
         (:versionIds::bigint[])[1 + i % ${WORKFLOWS}],
         (CASE WHEN i % 20 < 17 THEN 'succeeded' WHEN i % 20 < 19 THEN 'failed' ELSE 'cancelled' END)::execution_status,
         (ARRAY['entity_event', 'manual', 'webhook', 'schedule'])[1 + i % 4], 'normal',
         CASE WHEN i % 4 = 0 THEN jsonb_build_object(
             'type', 'invoice.paid', 'aggregateType', 'invoice', 'aggregateId', (i % 50000)::text,
             'payload', jsonb_build_object('entity', jsonb_build_object(
               'id', i % 50000, 'number', 'INV-' || (i % 50000),
               'customer', (:customers::text[])[1 + i % 4] || ' ' || CASE WHEN i % 1000 = 7 THEN 'Zephyrine' ELSE 'Ltd' END)))
           ELSE jsonb_build_object('invoiceId', i % 50000, 'note', 'run ' || i) END,
         CASE WHEN i % 20 IN (17, 18) THEN jsonb_build_object(
             'category', (ARRAY['transient','timeout','rate_limited','auth','validation','not_found','business','internal'])[1 + (i / 20) % 8],
             'message', 'Step failed on run ' || i) END,
         1,
         ts, ts + interval '5 ms', ts + interval '5 ms' + ((i * 7919) % 60000) * interval '1 ms', ts
       FROM generate_series(:from::bigint, :to::bigint) AS i
       CROSS JOIN LATERAL (SELECT now() - (:rows - i) * interval '2.6 seconds' AS ts) t`,
      {
        tenant: tenantId,
        customers: `{${CUSTOMERS.join(',')}}`,
        versionIds,
        workflowIds,
        from,
        to,
        rows,
      }
    )
    console.error(
      `bench:search seeded ${to.toLocaleString()} / ${rows.toLocaleString()} executions`
    )
  }
  // A step for every tenth execution, with searchable output text.
  await db.rawQuery(
    `INSERT INTO execution_steps (tenant_id, execution_id, node_id, node_type, scope_key,
       idempotency_key, status, attempt, seq, output, started_at, finished_at, duration_ms)
     SELECT e.tenant_id, e.id, 'deal', 'create_entity', '', e.id || ':deal:', 'succeeded', 1, 1,
       jsonb_build_object('id', e.id % 90000, 'title', 'Renewal ' || e.id), e.started_at,
       e.finished_at, (extract(epoch from e.finished_at - e.started_at) * 1000)::int
     FROM executions e WHERE e.tenant_id = :tenant AND e.id % 10 = 0`,
    { tenant: tenantId }
  )
  await db.rawQuery('ANALYZE executions')
  await db.rawQuery('ANALYZE execution_steps')
  await db.rawQuery('ANALYZE execution_subjects')
  console.error(`bench:search seeding took ${Math.round((Date.now() - started) / 1000)} s`)
  return tenantId
}

async function median(task: () => Promise<unknown>) {
  const times: number[] = []
  await task() // warm-up (plans, caches)
  for (let i = 0; i < repeats; i++) {
    const start = process.hrtime.bigint()
    await task()
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  times.sort((a, b) => a - b)
  return Math.round(times[Math.floor(times.length / 2)] * 100) / 100
}

const tenantId = await ensureSeeded()
const counted = await db.from('executions').where('tenant_id', tenantId).count('* as c').first()
const total = Number(counted.c)
const middle = await db
  .from('executions')
  .where('tenant_id', tenantId)
  .orderBy('id', 'desc')
  .offset(Math.floor(total / 2))
  .select('id', db.raw('created_at::text as c'), db.raw('(finished_at - started_at)::text as d'))
  .firstOrFail()
const firstWorkflow = await db.from('workflows').where('tenant_id', tenantId).orderBy('id').first()
const workflowId = Number(firstWorkflow.id)

const deepId = encodeCursor([String(middle.c), Number(middle.id)])
const deepDuration = encodeCursor([String(middle.d), Number(middle.id)])
const cases: Array<[string, Filters]> = [
  ['newest, first page', {}],
  ['newest, page in the middle (keyset)', { cursor: deepId }],
  ['oldest, first page', { sort: 'oldest' }],
  ['slowest, first page', { sort: 'slowest' }],
  ['slowest, page in the middle (keyset)', { sort: 'slowest', cursor: deepDuration }],
  ['status failed, first page', { statuses: ['failed'] }],
  ['status failed, middle', { statuses: ['failed'], cursor: deepId }],
  ['one workflow, first page', { workflowId }],
  ['trigger webhook, middle', { triggerType: 'webhook', cursor: deepId }],
  ['error category timeout', { errorCategory: 'timeout' }],
  [
    'date range (one day, 3 days ago)',
    {
      from: new Date(Date.now() - 4 * 86_400_000).toISOString(),
      to: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    },
  ],
  [
    'date range (one day, 25 days ago)',
    {
      from: new Date(Date.now() - 26 * 86_400_000).toISOString(),
      to: new Date(Date.now() - 25 * 86_400_000).toISOString(),
    },
  ],
  ['duration > 59 s', { minDurationMs: 59_000 }],
  ['related entity invoice #12345', { entityType: 'invoice', entityId: '12345' }],
  ['text: rare word (~0.03%)', { text: 'zephyrine' }],
  ['text: common word (~25%)', { text: 'globex' }],
  ['text in step output', { text: 'renewal 424240' }],
]

const results: Array<{ query: string; medianMs: number; rows: number }> = []
for (const [name, filters] of cases) {
  const page = await searchExecutions(tenantId, { limit: 25, ...filters })
  const ms = await median(() => searchExecutions(tenantId, { limit: 25, ...filters }))
  results.push({ query: name, medianMs: ms, rows: page.data.length })
  console.error(`bench:search ${name}: ${ms} ms`)
}
// For contrast: what OFFSET pagination costs in the middle of the table.
const offsetMs = await median(() =>
  db
    .from('executions')
    .where('tenant_id', tenantId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset(Math.floor(total / 2))
    .limit(26)
    .select('id')
)
results.push({ query: 'OFFSET page in the middle (for contrast)', medianMs: offsetMs, rows: 25 })

console.log(JSON.stringify({ database, executions: total, repeats, results }, null, 2))
console.log(`\n| query (25 rows per page, ${total.toLocaleString()} executions) | median ms |`)
console.log('|---|---:|')
for (const r of results) console.log(`| ${r.query} | ${r.medianMs} |`)
await app.terminate()
