/**
 * In-page probes of the builder benchmark (run through Playwright's `evaluate`): when the canvas
 * has rendered every node in view, the current viewport, and a requestAnimationFrame recorder.
 * Each function is self-contained: Playwright serialises it into the page.
 */

/*
 * The page's globals, loosely typed: the server tsconfig has no DOM library, and adding it to
 * the whole program would let DOM use slip into server code unnoticed.
 */
declare const document: any
declare const window: any
declare const requestAnimationFrame: (callback: (time: number) => void) => number
declare const PerformanceObserver: any

export interface NodeBox {
  id: string
  x: number
  y: number
}

/** Node size on the canvas in flow units (workflow_node.vue is 220 px wide, ~70–110 px tall). */
export const NODE_SIZE = { width: 220, height: 70 }

/**
 * Once validation has run and every graph node whose box intersects the pane has a measured,
 * visible element: `performance.now()` (ms since navigation start), the number of nodes in view,
 * and where to click one of them as a user would right away: not the trigger, away from the
 * panels, on a point where that node is on top (`elementFromPoint`). Also arms the pointerdown
 * recorder for that click. `false` before that.
 */
export function renderedProbe(arg: { nodes: NodeBox[]; width: number; height: number }) {
  const count = document.querySelector('[data-testid=validation-count]')
  if (!count?.textContent?.includes('No problems')) return false
  const pane = document.querySelector('.vue-flow')
  const transform = document.querySelector('.vue-flow__transformationpane')
  if (!pane || !transform) return false
  const match = /translate\(([-\d.e]+)px, ?([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(
    transform.style.transform
  )
  if (!match) return false
  const [tx, ty, zoom] = match.slice(1).map(Number) as number[]
  const rect = pane.getBoundingClientRect()
  const inView: any[] = []
  for (const node of arg.nodes) {
    const left = node.x * zoom + tx
    const top = node.y * zoom + ty
    if (left > rect.width || top > rect.height) continue
    if (left + arg.width * zoom < 0 || top + arg.height * zoom < 0) continue
    const el = document.querySelector(`.vue-flow__node[data-id="${node.id}"]`)
    if (!el || el.style.visibility !== 'visible') return false
    inView.push(el)
  }
  let click: { id: string; x: number; y: number } | null = null
  for (const el of inView) {
    const box = el.getBoundingClientRect()
    if (el.dataset.id === 'trigger' || box.left <= 300 || box.top <= 80) continue
    if (box.right >= 1200 || box.bottom >= 800) continue
    const point = { x: box.left + 60, y: box.bottom - 12 }
    const hit = document.elementFromPoint(point.x, point.y)?.closest('.vue-flow__node')
    if (hit !== el) continue
    click = { id: el.dataset.id, ...point }
    break
  }
  if (!click) return false
  window.addEventListener(
    'pointerdown',
    (e: { timeStamp: number }) => (window.__benchPointer = e.timeStamp),
    { capture: true, once: true }
  )
  return { at: performance.now(), visible: inView.length, click }
}

/** `performance.now()` once node `id` is selected on the canvas and in the properties panel. */
export function selectedProbe(arg: { id: string; name: string }) {
  const input = document.querySelector('#wf-node-name')
  const node = document.querySelector(`[data-testid=wf-node][data-node-id="${arg.id}"]`)
  if (input?.value !== arg.name || !node?.classList.contains('is-selected')) return false
  return performance.now()
}

/** Starts recording requestAnimationFrame intervals (window.__benchFrames). */
export function startFrames() {
  const w = window
  w.__benchFrames = []
  w.__benchRecording = true
  let last: number | undefined
  const tick = (t: number) => {
    if (last !== undefined) w.__benchFrames.push(t - last)
    last = t
    if (w.__benchRecording) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
}

export function stopFrames(): number[] {
  const w = window
  w.__benchRecording = false
  return w.__benchFrames
}

/** Long tasks (> 50 ms) since navigation start, observed with the buffered Long Tasks API. */
export function startLongTasks() {
  const w = window
  w.__benchLongTasks = []
  new PerformanceObserver((list: { getEntries(): Array<{ duration: number }> }) => {
    for (const entry of list.getEntries()) w.__benchLongTasks.push(entry.duration)
  }).observe({ type: 'longtask', buffered: true })
}

/** The viewport transform and the pane's rectangle in the page. */
export function viewportProbe() {
  const pane = document.querySelector('.vue-flow')!.getBoundingClientRect()
  const transform = document.querySelector('.vue-flow__transformationpane')!
  const match = /translate\(([-\d.e]+)px, ?([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(
    transform.style.transform
  )!
  const [x, y, zoom] = match.slice(1).map(Number) as number[]
  return {
    x,
    y,
    zoom,
    pane: { left: pane.left, top: pane.top, width: pane.width, height: pane.height },
  }
}

/** A point of the pane (screen coordinates) with no node, edge or control under it. */
export function emptyPanePoint() {
  const pane = document.querySelector('.vue-flow')!.getBoundingClientRect()
  for (let fy = 0.3; fy < 0.8; fy += 0.05) {
    for (let fx = 0.85; fx > 0.3; fx -= 0.03) {
      const x = pane.left + pane.width * fx
      const y = pane.top + pane.height * fy
      const el = document.elementFromPoint(x, y)
      if (el?.classList.contains('vue-flow__pane')) return { x, y }
    }
  }
  return null
}

/** Screen boxes of the rendered nodes (for picking drag targets and a selection box). */
export function renderedNodeBoxes() {
  const elements: any[] = [...document.querySelectorAll('.vue-flow__node')]
  return elements.map((el) => {
    const r = el.getBoundingClientRect()
    return {
      id: el.dataset.id!,
      left: r.left,
      top: r.top,
      right: r.right,
      bottom: r.bottom,
      selected: el.classList.contains('selected'),
    }
  })
}

/**
 * Where an open's time went before the app ran, as the browser recorded it (ms since
 * navigation start): the server's first byte and last byte of the page, the last script and
 * style sheet received, and DOMContentLoaded (module scripts have run: the app is mounting).
 */
export interface OpenPhases {
  firstByte: number
  htmlLoaded: number
  htmlKb: number
  assetsLoaded: number
  domContentLoaded: number
}

export function openMarks(): { pointer: number; longTasks: number[]; phases: OpenPhases } {
  const timing: any = performance
  const nav = timing.getEntriesByType('navigation')[0]
  const assets = timing
    .getEntriesByType('resource')
    .filter((entry: { name: string }) => /\.(js|css)(\?|$)/.test(entry.name))
    .map((entry: { responseEnd: number }) => entry.responseEnd)
  return {
    pointer: window.__benchPointer,
    longTasks: window.__benchLongTasks,
    phases: {
      firstByte: Math.round(nav.responseStart),
      htmlLoaded: Math.round(nav.responseEnd),
      htmlKb: Math.round(nav.decodedBodySize / 1024),
      assetsLoaded: Math.round(Math.max(0, ...assets)),
      domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
    },
  }
}
