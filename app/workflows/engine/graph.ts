/**
 * The workflow graph: what the builder edits, what a published version freezes and what the
 * interpreter walks. Pure data + a TypeBox schema (one schema gives the TS type, the JSON Schema
 * served to the browser and the structural check). Runs in Node and in the browser.
 */
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

export const GraphNodeSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
  type: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ maxLength: 200 }),
  config: Type.Record(Type.String(), Type.Unknown()),
  position: Type.Object({ x: Type.Number(), y: Type.Number() }),
  color: Type.Optional(Type.String({ maxLength: 32 })),
  notes: Type.Optional(Type.String({ maxLength: 5000 })),
})

export const GraphEdgeSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 128 }),
  source: Type.String({ minLength: 1 }),
  sourcePort: Type.String({ minLength: 1 }),
  target: Type.String({ minLength: 1 }),
  targetPort: Type.String({ minLength: 1 }),
})

export const WorkflowGraphSchema = Type.Object({
  nodes: Type.Array(GraphNodeSchema, { maxItems: 500 }),
  edges: Type.Array(GraphEdgeSchema, { maxItems: 2000 }),
  variables: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
})

export type GraphNode = Static<typeof GraphNodeSchema>
export type GraphEdge = Static<typeof GraphEdgeSchema>
export type WorkflowGraph = Static<typeof WorkflowGraphSchema>

/** A connection the builder is about to make (an edge without id). */
export type Connection = Omit<GraphEdge, 'id'>

/** One problem found in a graph; `path` is a dotted field path such as `config.url`. */
export interface GraphIssue {
  nodeId?: string
  edgeId?: string
  path?: string
  code: string
  message: string
}

export function emptyGraph(): WorkflowGraph {
  return { nodes: [], edges: [], variables: {} }
}

/**
 * Structural check of untrusted JSON (API input, imported files). Returns issues with JSON
 * pointer paths turned into dotted paths (`nodes.2.position.x`).
 */
export function checkGraphShape(value: unknown): GraphIssue[] {
  if (Value.Check(WorkflowGraphSchema, value)) return []
  const issues: GraphIssue[] = []
  for (const error of Value.Errors(WorkflowGraphSchema, value)) {
    const path = error.path.replace(/^\//, '').replaceAll('/', '.')
    issues.push({ code: 'invalid_graph', path, message: `${path || 'graph'}: ${error.message}` })
    if (issues.length >= 20) break
  }
  return issues
}
