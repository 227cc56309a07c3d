/**
 * BENCH_TRACE=1: a Chromium performance trace of one cold builder open, written to
 * tmp/builder-open.trace.json (load it in Chrome DevTools → Performance) and summarised as the
 * renderer main thread's timeline: each task of 20 ms or more, when it started (ms since
 * navigation), how long it ran, and the kinds of work inside it (script compile/run, style,
 * layout, paint, GC). A CPU profile says which functions ran; this says when, and what the
 * browser itself did between them.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright'
import { ROOT } from './builder_setup.js'

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  args?: {
    name?: string
    data?: { url?: string; functionName?: string; documentLoaderURL?: string }
  }
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink.user_timing',
  'loading',
].join(',')

/** Child events worth naming, grouped the way DevTools' summary groups them. */
const KINDS: Record<string, string> = {
  'v8.compile': 'compile',
  'v8.compileModule': 'compile',
  'V8.CompileCode': 'compile',
  'v8.parseOnBackground': 'compile',
  'EvaluateScript': 'script',
  'v8.evaluateModule': 'script',
  'FunctionCall': 'script',
  'TimerFire': 'script',
  'FireAnimationFrame': 'script',
  'EventDispatch': 'script',
  'RunMicrotasks': 'script',
  'UpdateLayoutTree': 'style',
  'ParseAuthorStyleSheet': 'style',
  'Layout': 'layout',
  'PrePaint': 'paint',
  'Paint': 'paint',
  'Layerize': 'paint',
  'MinorGC': 'gc',
  'MajorGC': 'gc',
  'V8.GC_SCAVENGER': 'gc',
  'ParseHTML': 'html',
}

export async function traced<T>(browser: Browser, page: Page, run: () => Promise<T>) {
  await browser.startTracing(page, { categories: CATEGORIES.split(',') })
  const result = await run()
  const buffer = await browser.stopTracing()
  mkdirSync(join(ROOT, 'tmp'), { recursive: true })
  const file = join(ROOT, 'tmp', 'builder-open.trace.json')
  writeFileSync(file, buffer)
  console.error(`bench: trace of a cold open in ${file}`)
  console.error(summarizeTrace(JSON.parse(buffer.toString()).traceEvents as TraceEvent[]))
  return result
}

export function summarizeTrace(events: TraceEvent[]) {
  const navigation = events.find(
    (e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.includes('/workflows/')
  )
  if (!navigation) return 'bench: the trace has no navigation to the builder'
  const main = { pid: navigation.pid, tid: navigation.tid }
  const origin = navigation.ts
  const onMain = events.filter(
    (e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.ts >= origin
  )
  const tasks = onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) >= 20_000)
  const lines = tasks.map((task) => {
    const end = task.ts + task.dur!
    const spans = new Map<string, Array<[number, number]>>()
    let script = ''
    for (const e of onMain) {
      if (e.ts < task.ts || e.ts >= end || e === task) continue
      const kind = KINDS[e.name]
      if (!kind) continue
      spans.set(kind, [...(spans.get(kind) ?? []), [e.ts, e.ts + (e.dur ?? 0)]])
      const data = e.args?.data
      if (!script && kind === 'script' && data?.url)
        script = `${e.name} ${data.functionName || ''} ${data.url.split('/').pop()}`
    }
    const parts = [...spans.entries()]
      .map(([kind, list]) => [kind, covered(list)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([kind, ms]) => `${kind} ${ms.toFixed(0)}`)
      .join(', ')
    const at = ((task.ts - origin) / 1000).toFixed(0).padStart(6)
    return `${at} ms +${(task.dur! / 1000).toFixed(0).padStart(4)} ms  ${parts}  ${script}`
  })
  const busy = tasks.reduce((s, t) => s + t.dur! / 1000, 0)
  return [`main-thread tasks ≥ 20 ms (${busy.toFixed(0)} ms in all):`, ...lines].join('\n')
}

/** Milliseconds covered by intervals (µs) that may nest or overlap (a call inside a call). */
function covered(intervals: Array<[number, number]>) {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0])
  let total = 0
  let [start, end] = sorted[0]
  for (const [s, e] of sorted.slice(1)) {
    if (s > end) {
      total += end - start
      ;[start, end] = [s, e]
    } else end = Math.max(end, e)
  }
  return (total + end - start) / 1000
}
