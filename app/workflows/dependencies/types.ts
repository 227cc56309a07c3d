/**
 * JSON shapes of the dependencies API and page (GET /api/v1/workflows/:id/dependencies,
 * /api/v1/dependencies, /workflows/:id/dependencies). `in` says in which graph of a workflow a
 * dependency appears: its active (published) version, which is what runs, and/or its draft.
 *
 * The one source of these shapes for the server and the pages (the front end imports this file):
 * keep it type-only, with no imports of server code. `type` aliases, not interfaces, because
 * Inertia's page-prop check only accepts type aliases.
 */
export type GraphSource = 'active' | 'draft'

export type WorkflowRef = {
  id: number
  name: string
  /**
   * draft | active | paused | archived; for a called id outside this workspace: 'shared' (a
   * component another tenant shares) or 'missing'.
   */
  status: string
  activeVersion: number | null
}

/** One Sub-Workflow node's call (caller → callee). */
export type CallLink = {
  workflow: WorkflowRef
  nodeId: string
  nodeName: string
  /** Pinned callee version; null = always the callee's latest published version. */
  pinnedVersion: number | null
  mode: 'sync' | 'async'
  in: GraphSource[]
}

export type EntityUse = {
  entity: string
  label: string
  access: Array<'reads' | 'writes'>
  nodeIds: string[]
  in: GraphSource[]
}

export type EventUse = {
  event: string
  label: string
  /** Entity whose snapshot the event carries. */
  entity: string | null
  access: Array<'listens' | 'emits'>
  nodeIds: string[]
  in: GraphSource[]
}

/** Another workflow linked through a domain event (by its active version). */
export type EventLink = {
  workflow: WorkflowRef
  event: string
}

export type WorkflowDependencies = {
  workflow: WorkflowRef
  /** Workflows whose graphs call this one. */
  callers: CallLink[]
  /** Workflows this one calls. */
  callees: CallLink[]
  entities: EntityUse[]
  events: EventUse[]
  /** Workflows whose writes cause an event this one listens to. */
  triggeredBy: EventLink[]
  /** Workflows listening to an event this one's writes cause. */
  triggers: EventLink[]
}

export type DependencyNodeKind = 'workflow' | 'entity' | 'event'
export type DependencyEdgeKind = 'calls' | 'reads' | 'writes' | 'listens' | 'emits'

/** The tenant-wide graph: node ids are `workflow:<id>`, `entity:<name>`, `event:<type>`. */
export type DependencyGraph = {
  nodes: Array<{
    id: string
    kind: DependencyNodeKind
    label: string
    workflowId?: number
    status?: string
  }>
  edges: Array<{
    id: string
    source: string
    target: string
    kind: DependencyEdgeKind
    in: GraphSource[]
    /** For calls: the pinned version (null = latest). */
    pinnedVersion?: number | null
  }>
}

export type ImpactAction = 'publish' | 'archive'

/** What a change of this workflow does to one Sub-Workflow call into it. */
export type CallerEffect =
  /** Calls the latest version: the next call runs the new version. */
  | 'uses_new_version'
  /** Pins a version: unaffected by publishing. */
  | 'keeps_pinned_version'
  /** Calls into an archived workflow fail ("not published"), pinned or not. */
  | 'calls_fail'
  /** Archived in the same batch: it stops calling too. */
  | 'also_archived'

export type ImpactCaller = {
  workflow: WorkflowRef
  nodeId: string
  nodeName: string
  pinnedVersion: number | null
  mode: 'sync' | 'async'
  effect: CallerEffect
}

export type ImpactExecutions = {
  queued: number
  running: number
  waiting: number
  total: number
  /** The most recent unfinished executions (newest first, a few). */
  recentIds: number[]
}

/** starts/stops/changes/continues firing; idle: not firing before or after (paused workflow). */
export type TriggerChange = 'starts' | 'stops' | 'changes' | 'continues' | 'idle'

export type ImpactTrigger = {
  nodeId: string
  type: string
  label: string
  kind: 'event' | 'webhook' | 'schedule'
  /** Events listened to, the cron and time zone, or the webhook path. */
  detail: string
  change: TriggerChange
}

export type ImpactSchedule = {
  nodeId: string
  cron: string
  timezone: string
  /** Next runs that will happen (publish) or that will not happen any more (archive). */
  nextRuns: string[]
  change: TriggerChange
}

export type ImpactWarning = {
  code:
    | 'missing_parameter'
    | 'unknown_parameter'
    | 'parameter_type'
    | 'missing_return_value'
    | 'caller_breaks'
  message: string
  callerId?: number
  nodeId?: string
  key?: string
}

export type ImpactReport = {
  action: ImpactAction
  workflow: WorkflowRef
  /** Workflows whose active version calls this one (what runs today). */
  callers: ImpactCaller[]
  /** This workflow's unfinished executions; they keep the version they started on. */
  executions: ImpactExecutions
  schedules: ImpactSchedule[]
  triggers: ImpactTrigger[]
  warnings: ImpactWarning[]
}
