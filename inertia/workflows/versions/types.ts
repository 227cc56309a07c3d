/** Props of the version history page (JSON shapes from app/workflows/versions). */
export type PortView = { id: string; label: string; kind: string }
export type NodeMeta = { label: string; icon: string; inputs: PortView[]; outputs: PortView[] }
export type DiffStatus = 'added' | 'removed' | 'changed' | 'unchanged'

export type VersionEntry = {
  id: number
  number: number
  note: string | null
  authorId: number | null
  authorName: string | null
  createdAt: string
  checksum: string
  isActive: boolean
  nodeCount: number
  executions: number
}

export type NodeChange = { id: string; name: string; type: string; fields: string[] }
export type EdgeChange = {
  id: string
  source: string
  sourcePort: string
  target: string
  targetPort: string
}

export type CanvasGraph = {
  nodes: Array<{
    id: string
    type: string
    name: string
    position: { x: number; y: number }
  }>
  edges: EdgeChange[]
}

export type Comparison = {
  from: { number: number; checksum: string }
  to: { number: number; checksum: string }
  diff: {
    nodes: {
      added: NodeChange[]
      removed: NodeChange[]
      changed: NodeChange[]
      moved: NodeChange[]
    }
    edges: { added: EdgeChange[]; removed: EdgeChange[]; changed: EdgeChange[] }
    variables: string[]
    identical: boolean
  }
  canvas: CanvasGraph
  nodeStatuses: { [nodeId: string]: DiffStatus }
  edgeStatuses: { [edgeId: string]: DiffStatus }
  meta: { [nodeId: string]: NodeMeta }
}
