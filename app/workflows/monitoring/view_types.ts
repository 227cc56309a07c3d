/**
 * What the monitor sends to the browser, as JSON-safe type aliases (Inertia page props must be
 * JSON data types; interfaces and `unknown` are not). Pure types: the pages import this file.
 */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

export type PayloadView =
  { truncated: false; value: Json } | { truncated: true; size: number; preview: string }

export type SubjectView = { entityType: string; entityId: string; role: string }

export type PortView = { id: string; label: string; kind: string }

export type GraphNodeView = {
  id: string
  type: string
  name: string
  config: { [key: string]: Json }
  position: { x: number; y: number }
}
export type GraphEdgeView = {
  id: string
  source: string
  sourcePort: string
  target: string
  targetPort: string
}
export type GraphView = { nodes: GraphNodeView[]; edges: GraphEdgeView[] }

/** Display facts of one graph node, resolved on the server from the node registry. */
export type NodeMetaView = {
  label: string
  icon: string
  inputs: PortView[]
  outputs: PortView[]
}

export type StepView = {
  id: number
  nodeId: string
  nodeType: string
  scopeKey: string
  status: string
  attempt: number
  seq: number
  port: string | null
  startedAt: string | null
  finishedAt: string | null
  durationMs: number | null
  errorCategory: string | null
  errorMessage: string | null
  input: PayloadView
  output: PayloadView
  error: PayloadView
}

export type ExecutionView = {
  id: number
  workflowId: number
  workflowName: string
  versionId: number
  versionNumber: number | null
  graph: GraphView
  nodes: { [nodeId: string]: NodeMetaView }
  status: string
  triggerType: string
  priority: string
  startedBy: number | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  durationMs: number | null
  stepCount: number
  input: PayloadView
  output: PayloadView
  error: PayloadView
  subjects: SubjectView[]
  steps: StepView[]
  /** The execution this one replays or retries, and the replays of this one. */
  replayOfExecutionId: number | null
  replayIds: number[]
}

export type ExecutionActions = { cancel: boolean; retry: boolean; skip: boolean; replay: boolean }

export type ExecutionListItem = {
  id: number
  workflowId: number
  workflowName: string
  versionNumber: number | null
  status: string
  triggerType: string
  priority: string
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  durationMs: number | null
  errorCategory: string | null
  errorMessage: string | null
  subjects: SubjectView[]
}

export type ExecutionPage = { data: ExecutionListItem[]; nextCursor: string | null }
