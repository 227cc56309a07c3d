/**
 * The builder benchmark's measurements in headless Chromium (Playwright + CDP):
 *
 * - open → interactive: from navigation start (performance.timeOrigin) until (1) validation has
 *   run and every node in view is rendered and measured ("rendered"), then (2) a real mouse click,
 *   sent as soon as (1) is seen, on a node in view has selected it: the node shows as selected
 *   and the properties panel shows its name ("interactive"). The click goes through the
 *   browser's input queue, so a busy main thread delays it, as it would delay a user. The probes
 *   poll inside the page on every animation frame. Cold: fresh HTTP/code cache; warm: the same
 *   tab opens the page again.
 * - frame times: requestAnimationFrame intervals while panning (pane drags revealing new parts
 *   of the flow), dragging one node, and dragging a ~50-node box selection, each for ~3 s of
 *   real mouse input at ~60 events/s.
 * - JS heap: used heap after a forced GC, once the page is open and after the interactions.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright'
import type { WorkflowGraph } from '#workflows/engine/graph'
import {
  emptyPanePoint,
  NODE_SIZE,
  openMarks,
  renderedNodeBoxes,
  renderedProbe,
  selectedProbe,
  startFrames,
  startLongTasks,
  stopFrames,
  viewportProbe,
  type OpenPhases,
} from './builder_page.js'
import { chromiumCpuMs } from './builder_cpu.js'

export const VIEWPORT = { width: 1600, height: 1000 }
const FRAME_MS = 1000 / 60
const WAIT_MS = 120_000

export interface Target {
  url: string
  email: string
  password: string
  workflowId: number
  graph: WorkflowGraph
  /** Puts the draft back to `graph` before an open. */
  reset: () => Promise<void>
}

export interface OpenTiming {
  renderedMs: number
  interactiveMs: number
  clickToSelectedMs: number
  /** CPU time of all Chromium processes during the open (robust to a busy machine). */
  chromiumCpuMs: number
  visibleNodes: number
  phases: OpenPhases
  longTasks: { count: number; totalMs: number; longestMs: number }
}

export interface FrameStats {
  frames: number
  seconds: number
  fps: number
  p50: number
  p95: number
  p99: number
  max: number
  over16_7ms: number
  over33_3ms: number
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits

export function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/**
 * rAF intervals → frame statistics. An interval above 16.7 ms (plus 1 ms for timer jitter)
 * means at least one display frame was missed; above 33.3 ms, at least two.
 */
export function frameStats(intervals: number[]): FrameStats {
  const sorted = [...intervals].sort((a, b) => a - b)
  const total = intervals.reduce((sum, v) => sum + v, 0)
  return {
    frames: intervals.length,
    seconds: round(total / 1000, 2),
    fps: round((intervals.length * 1000) / total),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    over16_7ms: intervals.filter((v) => v > FRAME_MS + 1).length,
    over33_3ms: intervals.filter((v) => v > 2 * FRAME_MS + 1).length,
  }
}

export async function signIn(page: Page, target: Target) {
  await page.goto(`${target.url}/login`)
  await page.fill('#email', target.email)
  await page.fill('#password', target.password)
  await page.click('button[type=submit]')
  await page.waitForURL(`${target.url}/`)
}

export async function newSignedInContext(browser: Browser, target: Target) {
  const context = await browser.newContext({ viewport: VIEWPORT })
  const page = await context.newPage()
  await page.addInitScript(startLongTasks)
  page.on('pageerror', (error) => console.error(`bench: page error: ${error.message}`))
  // Drags save the draft (autosave); a save logged while a page only opens would be a bug.
  page.on('request', (request) => {
    if (request.method() === 'PUT' && request.url().endsWith('/draft')) {
      console.error(`bench: the page saved the draft (${new Date().toISOString()})`)
    }
  })
  await signIn(page, target)
  const cdp = await context.newCDPSession(page)
  return { context, page, cdp }
}

/** The nodes of the graph as the in-page probe wants them. */
function boxes(graph: WorkflowGraph) {
  return graph.nodes.map((n) => ({ id: n.id, x: n.position.x, y: n.position.y }))
}

/**
 * Runs `probe(arg)` in the page on every animation frame until it returns a value. Through
 * `page.evaluate`, not `page.waitForFunction`: the latter first evaluates Playwright's injected
 * script (≈ 130 ms of main-thread work on this machine) in the page, which landed in the
 * middle of the open being measured and is work no user's browser does.
 */
async function everyFrameUntil<A, R>(page: Page, probe: (arg: A) => R | false, arg: A) {
  const waited = page.evaluate(`new Promise((resolve, reject) => {
    const probe = ${probe.toString()}
    const arg = ${JSON.stringify(arg)}
    const started = performance.now()
    const tick = () => {
      try {
        const value = probe(arg)
        if (value) resolve(value)
        else if (performance.now() - started > ${WAIT_MS}) reject(new Error('${probe.name}: timed out'))
        else requestAnimationFrame(tick)
      } catch (error) {
        reject(error)
      }
    }
    tick()
  })`)
  return waited as Promise<R>
}

/** Opens the builder and measures rendered / interactive (see the header). */
export async function openBuilder(page: Page, target: Target): Promise<OpenTiming> {
  await target.reset()
  const cpuBefore = chromiumCpuMs()
  await page.goto(`${target.url}/workflows/${target.workflowId}`, { waitUntil: 'commit' })
  const rendered = await everyFrameUntil(page, renderedProbe, {
    nodes: boxes(target.graph),
    ...NODE_SIZE,
  })

  const { click } = rendered
  const name = target.graph.nodes.find((n) => n.id === click.id)!.name
  await page.mouse.click(click.x, click.y)
  const interactiveMs = await everyFrameUntil(page, selectedProbe, { id: click.id, name })
  const cpuAfter = chromiumCpuMs()
  const { pointer, longTasks, phases } = await page.evaluate(openMarks)
  return {
    renderedMs: Math.round(rendered.at),
    interactiveMs: Math.round(interactiveMs),
    clickToSelectedMs: Math.round(interactiveMs - pointer),
    chromiumCpuMs: Math.round(cpuAfter - cpuBefore),
    visibleNodes: rendered.visible,
    phases,
    longTasks: {
      count: longTasks.length,
      totalMs: Math.round(longTasks.reduce((s, v) => s + v, 0)),
      longestMs: Math.round(Math.max(0, ...longTasks)),
    },
  }
}

export async function clearCache(cdp: CDPSession) {
  await cdp.send('Network.enable')
  await cdp.send('Network.clearBrowserCache')
}

/** Used JS heap (MB) after a forced garbage collection. */
export async function heapMb(cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  return round(usedSize / 1024 / 1024)
}

/**
 * Moves the mouse along `path` (screen points), one step per display frame at most: each step
 * waits for the browser to take the event, then for the rest of the 16.7 ms slot.
 */
async function moveAlong(page: Page, path: Array<{ x: number; y: number }>) {
  for (const point of path) {
    const started = performance.now()
    await page.mouse.move(point.x, point.y)
    const left = FRAME_MS - (performance.now() - started)
    if (left > 1) await pause(left)
  }
}

async function recordFrames(page: Page, run: () => Promise<void>): Promise<FrameStats> {
  await page.evaluate(startFrames)
  await run()
  // Frames after the mouse is released (the drop commits to the store) belong to the gesture.
  await pause(300)
  return frameStats(await page.evaluate(stopFrames))
}

/** ~3 s of pane drags, each revealing the part of the flow right of the view. */
export async function panFrames(page: Page): Promise<FrameStats> {
  const start = await page.evaluate(emptyPanePoint)
  if (!start) throw new Error('no empty pane point to drag')
  return recordFrames(page, async () => {
    const deadline = performance.now() + 3000
    while (performance.now() < deadline) {
      await page.mouse.move(start.x, start.y)
      await page.mouse.down()
      const path = Array.from({ length: 45 }, (_, i) => ({
        x: start.x - (i + 1) * 14,
        y: start.y - Math.sin(i / 8) * 30,
      }))
      await moveAlong(page, path)
      await page.mouse.up()
    }
  })
}

/** A circle of radius `r` around `center`, `steps` points (≈ steps / 60 seconds). */
function circle(center: { x: number; y: number }, r: number, steps: number) {
  return Array.from({ length: steps }, (_, i) => ({
    x: center.x + r * Math.sin((2 * Math.PI * (i + 1)) / steps) + i * 0.5,
    y: center.y - r + r * Math.cos((2 * Math.PI * (i + 1)) / steps),
  }))
}

/** Drags the node under `grip` in circles for ~3 s, then drops it. */
async function dragFrames(page: Page, grip: { x: number; y: number }) {
  return recordFrames(page, async () => {
    await page.mouse.move(grip.x, grip.y)
    await page.mouse.down()
    await moveAlong(page, circle(grip, 120, 180))
    await page.mouse.up()
  })
}

/** One node in the middle of the view. */
export async function nodeDragFrames(page: Page): Promise<FrameStats> {
  const { pane } = await page.evaluate(viewportProbe)
  const nodes = await page.evaluate(renderedNodeBoxes)
  const cx = pane.left + pane.width / 2
  const cy = pane.top + pane.height / 2
  const node = nodes
    .filter((b) => b.left > pane.left && b.right < pane.left + pane.width && b.top > pane.top)
    .sort((a, b) => Math.hypot(a.left - cx, a.top - cy) - Math.hypot(b.left - cx, b.top - cy))[0]
  if (!node) throw new Error('no node to drag')
  await page.mouse.click(node.left + 60, node.bottom - 12)
  return dragFrames(page, { x: node.left + 60, y: node.bottom - 12 })
}

/**
 * Zooms out until enough nodes are in view, shift-drags a box from an empty corner that holds
 * `size` whole nodes, then drags the selection by one of its nodes. Returns the selection size.
 */
export async function selectionDragFrames(
  page: Page,
  size = 50
): Promise<FrameStats & { selected: number }> {
  let view = await page.evaluate(viewportProbe)
  const centre = {
    x: view.pane.left + view.pane.width / 2,
    y: view.pane.top + view.pane.height / 2,
  }
  await page.mouse.move(centre.x, centre.y)
  for (let i = 0; i < 20 && view.zoom > 0.45; i++) {
    await page.mouse.wheel(0, 100)
    await page.waitForTimeout(50)
    view = await page.evaluate(viewportProbe)
  }
  await page.waitForTimeout(300)
  const inPane = (b: { left: number; top: number; right: number; bottom: number }) =>
    b.left > view.pane.left + 10 &&
    b.top > view.pane.top + 10 &&
    b.right < view.pane.left + view.pane.width - 10 &&
    b.bottom < view.pane.top + view.pane.height - 10
  const rendered = await page.evaluate(renderedNodeBoxes)
  const nodes = rendered.filter(inPane)
  // The box grows from the top-left node until it holds `size` whole nodes.
  const originX = Math.min(...nodes.map((b) => b.left)) - 8
  const originY = Math.min(...nodes.map((b) => b.top)) - 8
  let side = 50
  let inside = 0
  for (; side < 3000; side += 10) {
    inside = nodes.filter((b) => b.right < originX + side && b.bottom < originY + side * 0.8).length
    if (inside >= size) break
  }
  await page.keyboard.down('Shift')
  await page.mouse.move(originX, originY)
  await page.mouse.down()
  await moveAlong(
    page,
    Array.from({ length: 20 }, (_, i) => ({
      x: originX + ((i + 1) * side) / 20,
      y: originY + ((i + 1) * side * 0.8) / 20,
    }))
  )
  await page.mouse.up()
  await page.keyboard.up('Shift')
  const afterBox = await page.evaluate(renderedNodeBoxes)
  const selected = afterBox.filter((b) => b.selected)
  if (!selected.length) throw new Error('box selection selected nothing')
  const grip = selected[Math.floor(selected.length / 2)]
  const stats = await dragFrames(page, {
    x: (grip.left + grip.right) / 2,
    y: grip.bottom - 6,
  })
  return { ...stats, selected: selected.length }
}

export type { Browser, BrowserContext }
