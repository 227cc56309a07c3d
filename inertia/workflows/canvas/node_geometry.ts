/**
 * Estimated size and handle positions of a workflow node the browser has not measured yet.
 *
 * Why: Vue Flow's `only-render-visible-elements` counts an unmeasured node (0 × 0) as visible,
 * so opening a 500-node workflow mounted all 500 nodes just to measure them, then unmounted all
 * but the dozen in view: seconds of main-thread work before the canvas answered a click.
 * Seeding this estimate into Vue Flow's node state before its first render lets it cull from the
 * first frame; edges and the minimap use the estimate for nodes that were never on screen.
 *
 * A node that does render is measured as usual: estimated sizes are never whole numbers, while
 * measured ones are, so Vue Flow's "size changed" check always fires and replaces the estimate
 * (and the handle bounds) with the real figures.
 *
 * The figures follow workflow_node.vue's CSS (220 px wide, border-box; one labelled row per output
 * when a node has several) and were measured in Chromium; tests/browser/workflows/builder_large
 * checks them against the rendered nodes.
 */
// Types only: the estimate is also checked from Node (browser test), where Vue Flow cannot load.
import type { GraphNode as FlowGraphNode, HandleElement, Position } from '@vue-flow/core'
import type { FlowNodeData } from './flow_mapping.js'

const WIDTH = 220
/** Head + type line + padding; the summary line adds SUMMARY. */
const BASE_HEIGHT = 57
const SUMMARY = 19
/** Several outputs: a labelled row each (row + gap) below the text, after a margin. */
const OUTPUT_ROW = 18.5
const OUTPUTS_MARGIN = 4
/** From the last output row's handle top to the node's bottom. */
const LAST_ROW_TO_BOTTOM = 22.25
const HANDLE = 10
/** Not a whole number, so the first real measurement always replaces the estimate. */
const UNMEASURED = 0.01

export interface NodeGeometry {
  dimensions: { width: number; height: number }
  handleBounds: { source: HandleElement[]; target: HandleElement[] }
}

export function estimateGeometry(nodeId: string, data: FlowNodeData): NodeGeometry {
  const { inputs, outputs } = data.ports
  const labelled = outputs.length > 1
  const height =
    BASE_HEIGHT +
    (data.expectsSummary ? SUMMARY : 0) +
    (labelled ? OUTPUTS_MARGIN + OUTPUT_ROW * outputs.length : 0)
  const handle = (id: string, type: 'source' | 'target', x: number, y: number): HandleElement => ({
    id,
    type,
    nodeId,
    position: (type === 'source' ? 'right' : 'left') as Position,
    x,
    y,
    width: HANDLE,
    height: HANDLE,
  })
  const target = inputs.map((port, i) =>
    handle(port.id, 'target', 0, (height * (i + 1)) / (inputs.length + 1) - HANDLE / 2)
  )
  const source = labelled
    ? outputs.map((port, i) =>
        handle(
          port.id,
          'source',
          WIDTH,
          height - LAST_ROW_TO_BOTTOM - OUTPUT_ROW * (outputs.length - 1 - i)
        )
      )
    : outputs.map((port) => handle(port.id, 'source', WIDTH - 6, height / 2 - HANDLE / 2))
  return {
    dimensions: { width: WIDTH + UNMEASURED, height: height + UNMEASURED },
    handleBounds: { source, target },
  }
}

/** Gives every node Vue Flow has not measured yet the estimated geometry (see the header). */
export function seedUnmeasured(nodes: FlowGraphNode[]) {
  for (const node of nodes) {
    if (node.dimensions.width && node.dimensions.height) continue
    const geometry = estimateGeometry(node.id, node.data as FlowNodeData)
    node.dimensions = geometry.dimensions
    node.handleBounds = geometry.handleBounds
  }
}
