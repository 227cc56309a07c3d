/**
 * `npm run bench:builder`: how the visual builder behaves with a 500-node workflow, measured in
 * headless Chromium against the production build (what users get). Builds the client bundle when
 * it is missing or stale, migrates its own database, creates a tenant, an owner and the workflow
 * (bench/builder_graph.ts), starts the app server in production mode on its own port, then
 * measures open → interactive (cold and warm), frame times while panning and dragging, and the JS
 * heap (definitions in bench/builder_measure.ts). Prints JSON plus a table and writes
 * bench/builder_results.json.
 *
 *   BENCH_DATABASE (logiaccounting_bench)  database, created and migrated when needed
 *   BENCH_REDIS_DB (15)                    Redis database of the server
 *   BENCH_BUILDER_PORT (3390)              HTTP port (the dev-server run also uses port + 1)
 *   BENCH_BUILDER_RUNS (5)                 cold + warm opens (median reported)
 *   BENCH_BUILDER_NODES (500)              size of the workflow
 *   BENCH_BUILDER_DEV (1)                  also time opens against the Vite dev server (0: skip)
 *   BENCH_BUILDER_REBUILD (0)              rebuild the production assets even when fresh
 *   BENCH_PROFILE (0)                      write CPU profiles of one open and the gestures to tmp/
 *   BENCH_TRACE (0)                        write a Chromium trace of one cold open to tmp/
 *   CHROMIUM_PATH (/usr/bin/chromium)
 */
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { chromium, type Browser } from 'playwright'
import { largeWorkflow } from './builder_graph.js'
import {
  BENCH_PASSWORD,
  benchEnv,
  createFixture,
  ensureProductionAssets,
  prepareDatabase,
  resetDraft,
  startServer,
  type AppServer,
} from './builder_setup.js'
import {
  clearCache,
  heapMb,
  median,
  newSignedInContext,
  nodeDragFrames,
  openBuilder,
  panFrames,
  selectionDragFrames,
  type FrameStats,
  type OpenTiming,
  type Target,
} from './builder_measure.js'
import { profiled } from './builder_profile.js'
import { traced } from './builder_trace.js'

const runs = Number(process.env.BENCH_BUILDER_RUNS ?? 5)
const nodeCount = Number(process.env.BENCH_BUILDER_NODES ?? 500)
const port = Number(process.env.BENCH_BUILDER_PORT ?? 3390)
const withDev = process.env.BENCH_BUILDER_DEV !== '0'
const profile = process.env.BENCH_PROFILE === '1'
const trace = process.env.BENCH_TRACE === '1'

const startedAt = Date.now()
const loadBefore = os.loadavg()
const env = benchEnv()
const graph = largeWorkflow(nodeCount)

console.error('bench: production assets…')
const built = ensureProductionAssets(process.env.BENCH_BUILDER_REBUILD === '1')
console.error(`bench: assets ${built ? 'built' : 'up to date'}; database ${env.DB_DATABASE}…`)
await prepareDatabase(env)
const fixture = await createFixture(env, graph)
console.error(
  `bench: workflow ${fixture.workflowId} (${graph.nodes.length} nodes, ${graph.edges.length} edges)`
)

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
})

function summary(list: OpenTiming[]) {
  return {
    renderedMs: median(list.map((r) => r.renderedMs)),
    interactiveMs: median(list.map((r) => r.interactiveMs)),
    clickToSelectedMs: median(list.map((r) => r.clickToSelectedMs)),
    chromiumCpuMs: median(list.map((r) => r.chromiumCpuMs)),
    longTasksMs: median(list.map((r) => r.longTasks.totalMs)),
  }
}

/** `count` fresh contexts: a cold open (cache cleared after sign-in), then a warm one. */
async function opens(b: Browser, target: Target, count: number) {
  const cold: OpenTiming[] = []
  const warm: OpenTiming[] = []
  let heap = 0
  for (let i = 0; i < count; i++) {
    const { context, page, cdp } = await newSignedInContext(b, target)
    await clearCache(cdp)
    cold.push(await openBuilder(page, target))
    warm.push(await openBuilder(page, target))
    heap = await heapMb(cdp)
    await context.close()
    console.error(
      `bench:   open ${i + 1}: cold ${cold[i].interactiveMs} ms, warm ${warm[i].interactiveMs} ms`
    )
  }
  return {
    cold: { median: summary(cold), runs: cold },
    warm: { median: summary(warm), runs: warm },
    heap,
  }
}

/** Pan, node drag and selection drag on `count` fresh pages; intervals are pooled. */
async function gestures(b: Browser, target: Target, count: number) {
  const pooled = {
    pan: [] as FrameStats[],
    node: [] as FrameStats[],
    selection: [] as FrameStats[],
  }
  let selected = 0
  let heapAfter = 0
  for (let i = 0; i < count; i++) {
    const { context, page, cdp } = await newSignedInContext(b, target)
    await openBuilder(page, target)
    const run = async () => {
      pooled.pan.push(await panFrames(page))
      pooled.node.push(await nodeDragFrames(page))
      const selection = await selectionDragFrames(page)
      selected = selection.selected
      pooled.selection.push(selection)
    }
    if (profile && i === 0) await profiled(cdp, 'builder-gestures', run)
    else await run()
    heapAfter = await heapMb(cdp)
    // The next open resets the draft first: a save still on its way must not land after that.
    await page.locator('[data-testid=save-status]', { hasText: 'All changes saved' }).waitFor()
    await context.close()
  }
  return { pooled, selected, heapAfter }
}

/** Frame stats of several runs: medians of the per-run figures, sums of the counts. */
function combine(list: FrameStats[]): FrameStats {
  const pick = (key: keyof FrameStats) => median(list.map((s) => s[key]))
  const sum = (key: keyof FrameStats) => list.reduce((s, v) => s + v[key], 0)
  return {
    frames: sum('frames'),
    seconds: Math.round(sum('seconds') * 100) / 100,
    fps: Math.round(pick('fps') * 10) / 10,
    p50: pick('p50'),
    p95: pick('p95'),
    p99: pick('p99'),
    max: Math.max(...list.map((s) => s.max)),
    over16_7ms: sum('over16_7ms'),
    over33_3ms: sum('over33_3ms'),
  }
}

async function measureProduction(target: Target) {
  console.error(`bench: production server on ${target.url}`)
  // One unmeasured open: the server's first request compiles templates and warms its caches.
  {
    const { context, page } = await newSignedInContext(browser, target)
    await openBuilder(page, target)
    await context.close()
  }
  if (profile) {
    const { context, page, cdp } = await newSignedInContext(browser, target)
    await profiled(cdp, 'builder-open', () => openBuilder(page, target))
    await context.close()
  }
  if (trace) {
    const { context, page, cdp } = await newSignedInContext(browser, target)
    await clearCache(cdp)
    await traced(browser, page, () => openBuilder(page, target))
    await context.close()
  }
  const open = await opens(browser, target, runs)
  console.error('bench: gestures…')
  const g = await gestures(browser, target, 2)
  return {
    open: { cold: open.cold, warm: open.warm },
    frames: {
      pan: combine(g.pooled.pan),
      nodeDrag: combine(g.pooled.node),
      selectionDrag: { ...combine(g.pooled.selection), selectedNodes: g.selected },
    },
    heapMb: { afterOpen: open.heap, afterGestures: g.heapAfter },
  }
}

async function measureDevelopment(target: Target) {
  console.error(`bench: Vite dev server on ${target.url}`)
  // Unmeasured: Vite transforms every module on its first request.
  const { context, page } = await newSignedInContext(browser, target)
  await openBuilder(page, target)
  await context.close()
  const open = await opens(browser, target, Math.min(runs, 3))
  return { open: { cold: open.cold, warm: open.warm } }
}

let server: AppServer | null = null
const results: Record<string, unknown> = {}
try {
  server = await startServer(env, port, 'production')
  const target: Target = {
    url: server.url,
    email: fixture.email,
    password: BENCH_PASSWORD,
    workflowId: fixture.workflowId,
    graph,
    reset: () => resetDraft(env, fixture.workflowId, graph),
  }
  const production = await measureProduction(target)
  await server.stop()
  server = null
  let development: Awaited<ReturnType<typeof measureDevelopment>> | null = null
  if (withDev) {
    server = await startServer(env, port + 2, 'development')
    development = await measureDevelopment({ ...target, url: server.url })
    await server.stop()
    server = null
  }
  Object.assign(results, {
    machine: {
      cpus: os.cpus().length,
      chromium: browser.version(),
      node: process.version,
      loadAverageBefore: loadBefore.map((v) => Math.round(v * 10) / 10),
      loadAverageAfter: os.loadavg().map((v) => Math.round(v * 10) / 10),
    },
    workflow: { nodes: graph.nodes.length, edges: graph.edges.length },
    viewport: '1600×1000',
    runs,
    durationSeconds: Math.round((Date.now() - startedAt) / 1000),
    production,
    development,
  })
  console.log(JSON.stringify(results, null, 2))
  printTable(production, development)
  writeFileSync(
    new URL('./builder_results.json', import.meta.url),
    JSON.stringify(results, null, 2) + '\n'
  )
} finally {
  await server?.stop()
  await browser.close()
}

function printTable(
  production: Awaited<ReturnType<typeof measureProduction>>,
  development: Awaited<ReturnType<typeof measureDevelopment>> | null
) {
  const o = production.open
  const ms = (value: number) => value.toFixed(1)
  const f = (s: FrameStats) =>
    `${s.fps} fps, p50/p95/p99 ${ms(s.p50)}/${ms(s.p95)}/${ms(s.p99)} ms, ` +
    `>16.7: ${s.over16_7ms}/${s.frames}, >33.3: ${s.over33_3ms}`
  const rows: Array<[string, string, string]> = [
    [
      'open → interactive, cold (median)',
      `${o.cold.median.interactiveMs} ms (rendered ${o.cold.median.renderedMs})`,
      '≤ 1500 ms',
    ],
    [
      'open → interactive, warm (median)',
      `${o.warm.median.interactiveMs} ms (rendered ${o.warm.median.renderedMs})`,
      '≤ 1500 ms',
    ],
    ['click at first render → selected (warm)', `${o.warm.median.clickToSelectedMs} ms`, ''],
    ['pan', f(production.frames.pan), 'smooth'],
    ['drag 1 node', f(production.frames.nodeDrag), 'smooth'],
    [
      `drag ${production.frames.selectionDrag.selectedNodes} selected nodes`,
      f(production.frames.selectionDrag),
      'smooth',
    ],
    [
      'JS heap after open / gestures',
      `${production.heapMb.afterOpen} / ${production.heapMb.afterGestures} MB`,
      '',
    ],
  ]
  if (development) {
    rows.push([
      'dev server: open → interactive cold / warm',
      `${development.open.cold.median.interactiveMs} / ${development.open.warm.median.interactiveMs} ms`,
      '',
    ])
  }
  console.log(`\n${'measurement (production build)'.padEnd(44)}${'result'.padEnd(78)}target`)
  for (const [name, value, target] of rows)
    console.log(`${name.padEnd(44)}${value.padEnd(78)} ${target}`)
}
