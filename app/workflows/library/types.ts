/**
 * JSON shapes of the workflow library API and pages (GET /api/v1/workflow-library[/callables],
 * /api/v1/workflows/:id/component, /workflows/library/:workflowId).
 *
 * The one source of these shapes for the server and the builder (the front end imports this
 * file): keep it type-only, with no imports of server code except the pure engine and the
 * manual trigger's field shape. `type` aliases, not interfaces, because Inertia's page-prop check
 * only accepts type aliases.
 */
import type { WorkflowGraph } from '#workflows/engine/graph'
import type { ManualFieldType } from '#workflows/nodes/triggers/manual_field'

/** A parameter has the type of the manual trigger's form field it comes from. */
export type ParameterType = ManualFieldType

/** One input a callable workflow declares: a field of its manual trigger's form. */
export type ComponentParameter = {
  key: string
  label: string
  type: ParameterType
  required: boolean
  help: string | null
}

/** What a callable workflow declares to its callers: parameters and Return-node keys. */
export type WorkflowSignature = {
  parameters: ComponentParameter[]
  returns: string[]
}

/** The tenant sharing a component; null for the tenant's own components. */
export type ComponentOwner = { tenantId: number; name: string } | null

/** A library component (own, or shared with this tenant) as the palette lists it. */
export type LibraryEntry = WorkflowSignature & {
  componentId: number
  workflowId: number
  /** Palette label (the component's name, or the workflow's). */
  name: string
  workflowName: string
  description: string | null
  category: string | null
  icon: string | null
  owner: ComponentOwner
  published: boolean
  latestVersion: number | null
}

/** One of the tenant's own workflows a Sub-Workflow node can call. */
export type CallableWorkflowEntry = WorkflowSignature & {
  workflowId: number
  name: string
  status: string
  published: boolean
  latestVersion: number | null
}

/** GET /api/v1/workflow-library/callables */
export type Callables = { components: LibraryEntry[]; workflows: CallableWorkflowEntry[] }

/** A workflow's library entry as stored (palette name, description, category, icon). */
export type ComponentRecord = {
  id: number
  workflowId: number
  name: string | null
  description: string | null
  category: string | null
  icon: string | null
  createdBy: number | null
  createdAt: string | null
  updatedAt: string | null
}

/** A share of a component with another tenant (revoked ones are kept for the record). */
export type ShareEntry = {
  id: number
  tenant: { id: number; name: string; slug: string }
  createdAt: string
  createdBy: string | null
  revokedAt: string | null
}

/** GET /api/v1/workflows/:id/component — library status and shares of one own workflow. */
export type ComponentStatus = {
  component: ComponentRecord | null
  shares: ShareEntry[]
  canMark: boolean
  canShare: boolean
}

/** The read-only definition of a component (GET /api/v1/workflow-library/:workflowId). */
export type ComponentDefinition = WorkflowSignature & {
  workflowId: number
  name: string
  workflowName: string
  description: string | null
  owner: ComponentOwner
  version: number | null
  publishedAt: string | null
  graph: WorkflowGraph
}
