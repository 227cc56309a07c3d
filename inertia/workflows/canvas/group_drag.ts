/**
 * Dragging several nodes at once, moved as one layer.
 *
 * Vue Flow moves a dragged selection by writing every node's position on each pointer move; each
 * write re-runs its whole-graph work (culling 500 nodes and 593 edges, the selection box, every
 * edge of the moved nodes): about 40 ms a frame for a 41-node group. Instead, while a group is
 * dragged, its node elements, the edges between them and the selection box are only shifted on
 * screen with a CSS transform; the edges from the group to the rest of the graph (which would
 * have to stretch) are hidden until the drop. Vue Flow's node state does not change. The final
 * positions go in once, on drop, so the store records one move (one undo step).
 * Single-node drags keep Vue Flow's live behaviour (edges follow the node).
 */
import type { NodePositionChange } from '@vue-flow/core'

export interface GroupDragTarget {
  /** The canvas element (the Vue Flow nodes and edges are inside it). */
  root: () => HTMLElement | null
  /** Vue Flow's current (pre-drag) position of a node. */
  positionOf: (id: string) => { x: number; y: number } | undefined
  /** The edges that touch any of these nodes. */
  edgesOf: (nodeIds: Set<string>) => Array<{ id: string; source: string; target: string }>
}

const HIDDEN = 'wf-edge--group-drag'

function cssEscape(id: string) {
  return id.replaceAll('"', '\\"')
}

export function createGroupDrag(target: GroupDragTarget) {
  /** Latest position of each dragged node, while a group drag is in flight. */
  let pending: Map<string, { x: number; y: number }> | null = null
  let offset = { x: 0, y: 0 }
  /** The transforms Vue rendered on the elements we shifted, restored on drop. */
  const shifted = new Map<HTMLElement, string>()

  function shift(el: HTMLElement | null) {
    if (!el) return
    if (!shifted.has(el)) shifted.set(el, el.style.transform)
    el.style.transform = `${shifted.get(el)} translate(${offset.x}px, ${offset.y}px)`
  }

  /**
   * The elements a drag shifts, looked up once when it starts: Vue Flow's state does not change
   * until the drop, so the nodes it has mounted stay the same (a lookup per node and pointer move
   * showed in the gestures' profile).
   */
  let layer: HTMLElement[] | null = null

  /** Edges between two dragged nodes move with the layer; the others touching it are hidden. */
  function splitEdges(ids: Set<string>) {
    const inside: string[] = []
    const across: string[] = []
    for (const edge of target.edgesOf(ids)) {
      if (ids.has(edge.source) && ids.has(edge.target)) inside.push(edge.id)
      else across.push(edge.id)
    }
    return { inside, across }
  }

  function elementsToShift(root: HTMLElement, ids: Set<string>, edgeIds: string[]) {
    const elements: Array<HTMLElement | null> = []
    for (const id of ids) {
      elements.push(root.querySelector<HTMLElement>(`.vue-flow__node[data-id="${cssEscape(id)}"]`))
    }
    for (const id of edgeIds) {
      elements.push(root.querySelector<HTMLElement>(`.vue-flow__edge[data-id="${cssEscape(id)}"]`))
    }
    elements.push(root.querySelector<HTMLElement>('.vue-flow__nodesselection-rect'))
    return elements.filter((el): el is HTMLElement => el !== null)
  }

  /** Called once when a group drag starts. */
  function lift(ids: Set<string>) {
    const root = target.root()
    if (!root) return
    const { inside, across } = splitEdges(ids)
    for (const edgeId of across) {
      root.querySelector(`.vue-flow__edge[data-id="${cssEscape(edgeId)}"]`)?.classList.add(HIDDEN)
    }
    layer = elementsToShift(root, ids, inside)
  }

  function paint() {
    if (layer) for (const el of layer) shift(el)
  }

  function restore() {
    for (const [el, transform] of shifted) el.style.transform = transform
    shifted.clear()
    layer = null
    target
      .root()
      ?.querySelectorAll(`.${HIDDEN}`)
      .forEach((el) => el.classList.remove(HIDDEN))
  }

  /**
   * Takes the position changes of one pointer move. Returns the changes Vue Flow should still
   * apply: none while a group is in flight; on drop (Vue Flow then sends `dragging: false`
   * without positions) the final positions of the whole group.
   */
  function handle(changes: NodePositionChange[]): NodePositionChange[] {
    const inFlight = changes.length > 1 && changes.every((c) => c.dragging && c.position)
    if (inFlight) {
      const starting = !pending
      pending ??= new Map()
      for (const c of changes) pending.set(c.id, c.position!)
      const first = changes[0]
      const from = target.positionOf(first.id)
      if (from) offset = { x: first.position!.x - from.x, y: first.position!.y - from.y }
      if (starting) lift(new Set(pending.keys()))
      paint()
      return []
    }
    if (!pending) return changes
    const final = pending
    restore()
    pending = null
    return changes.map((c) => {
      const position = final.get(c.id)
      return position ? { ...c, position } : c
    })
  }

  return { handle, active: () => pending !== null }
}
