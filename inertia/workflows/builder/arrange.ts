/**
 * Align and distribute selected nodes. Pure: takes boxes, returns the new top-left positions
 * keyed by node id, which the document store applies with one `moveNodes` (one undo step).
 */
export interface NodeBox {
  id: string
  x: number
  y: number
  width: number
  height: number
}

export type AlignMode = 'left' | 'center' | 'right' | 'top' | 'middle' | 'bottom'
export type Positions = Record<string, { x: number; y: number }>

export function alignNodes(boxes: NodeBox[], mode: AlignMode): Positions {
  if (boxes.length < 2) return {}
  const left = Math.min(...boxes.map((b) => b.x))
  const right = Math.max(...boxes.map((b) => b.x + b.width))
  const top = Math.min(...boxes.map((b) => b.y))
  const bottom = Math.max(...boxes.map((b) => b.y + b.height))
  const out: Positions = {}
  for (const b of boxes) {
    let { x, y } = b
    if (mode === 'left') x = left
    if (mode === 'right') x = right - b.width
    if (mode === 'center') x = (left + right) / 2 - b.width / 2
    if (mode === 'top') y = top
    if (mode === 'bottom') y = bottom - b.height
    if (mode === 'middle') y = (top + bottom) / 2 - b.height / 2
    out[b.id] = { x: Math.round(x), y: Math.round(y) }
  }
  return out
}

/**
 * Equal gaps between neighbours along one axis; the two outermost nodes stay where they are.
 */
export function distributeNodes(boxes: NodeBox[], axis: 'horizontal' | 'vertical'): Positions {
  if (boxes.length < 3) return {}
  const horizontal = axis === 'horizontal'
  const start = (b: NodeBox) => (horizontal ? b.x : b.y)
  const size = (b: NodeBox) => (horizontal ? b.width : b.height)
  const sorted = [...boxes].sort((a, b) => start(a) - start(b))
  const first = sorted[0]
  const last = sorted[sorted.length - 1]
  const span = start(last) + size(last) - start(first)
  const occupied = sorted.reduce((sum, b) => sum + size(b), 0)
  const gap = (span - occupied) / (sorted.length - 1)
  const out: Positions = {}
  let cursor = start(first)
  for (const b of sorted) {
    out[b.id] = horizontal ? { x: Math.round(cursor), y: b.y } : { x: b.x, y: Math.round(cursor) }
    cursor += size(b) + gap
  }
  return out
}
