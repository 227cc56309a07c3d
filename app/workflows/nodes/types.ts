/**
 * Node type contract (C3). A node type is one file in app/workflows/nodes/ exporting a
 * `NodeDefinition`; the registry lists them. The public part (`PublicNodeType`, everything but
 * `execute` and the trigger helpers) is served as JSON to the builder, which validates graphs with
 * the same engine functions as the server.
 *
 * This file is type-only plus the `NodeError` class: it must stay importable in the browser.
 */
import type { TSchema } from '@sinclair/typebox'
import type { ExpressionContext } from '../engine/context.js'
import type { Role } from '../../core/roles.js'

export type NodeCategory = 'trigger' | 'action' | 'control' | 'ai' | 'integration'
export type PaletteGroup =
  'Triggers' | 'Actions' | 'CRM' | 'Finance' | 'Control' | 'AI' | 'Integrations'

/**
 * Port kinds drive the connection rules:
 * - `main`: ordinary data/control flow (outputs → `main` inputs);
 * - `error`: output taken when the step fails (goes to a `main` input);
 * - `loop_body`: a loop's per-item output; everything reachable from it is the loop body;
 * - `loop_back`: a loop's optional "next item" input, only reachable from inside its own body.
 */
export type PortKind = 'main' | 'error' | 'loop_body' | 'loop_back'

export interface PortDefinition {
  id: string
  label: string
  kind: PortKind
}

/**
 * Output ports that come from the node's config, e.g. switch cases: `config[from]` is a list of
 * objects, each giving one port `{ id: item[idKey], label: item[labelKey] }`, placed before the
 * static outputs. See `resolvePorts` in engine/ports.ts.
 */
export interface DynamicPorts {
  from: string
  idKey: string
  labelKey: string
  kind?: PortKind
}

export interface NodePorts {
  inputs: PortDefinition[]
  outputs: PortDefinition[]
  dynamicOutputs?: DynamicPorts
}

export type UiWidget =
  | 'text'
  | 'textarea'
  | 'expression'
  | 'number'
  | 'enum'
  | 'boolean'
  | 'list'
  | 'keyvalue'
  | 'duration'
  | 'cron'
  | 'timezone'
  | 'conditions'
  | 'entity'
  | 'field'
  | 'event'
  | 'events'
  | 'recipients'
  | 'json'
  | 'secret'
  | 'form_schema'
  | 'cases'
  /** Sub-Workflow: pick a workflow of the tenant or of the library (shared components too). */
  | 'workflow'

/**
 * UI hints live on each property schema under the `ui` key:
 * `Type.String({ title: 'URL', ui: { widget: 'expression', placeholder: 'https://…' } })`.
 */
export interface UiHints {
  widget: UiWidget
  placeholder?: string
  help?: string
  order?: number
  /** Show the field only when a sibling field has one of these values. */
  showIf?: { field: string; in: unknown[] }
  /** For `enum`: labels for the values. */
  options?: Array<{ value: string | number; label: string }>
  /** For `field`: the sibling key holding the entity name whose fields are offered. */
  entityFrom?: string
  /** For `event`/`events`: restrict the picker to these modules (e.g. ['crm']). */
  modules?: string[]
}

export type ErrorCategory =
  | 'transient'
  | 'timeout'
  | 'rate_limited'
  | 'auth'
  | 'validation'
  | 'not_found'
  | 'business'
  | 'internal'

export const ERROR_CATEGORIES: ErrorCategory[] = [
  'transient',
  'timeout',
  'rate_limited',
  'auth',
  'validation',
  'not_found',
  'business',
  'internal',
]

/** Serialized form of a NodeError, as stored in step records and given to `error` ports. */
export interface NodeErrorJson {
  name: 'NodeError'
  message: string
  category: ErrorCategory
  code?: string
  details?: Record<string, unknown>
  retryAfterMs?: number
}

/** The one error type nodes throw. `category` drives retries, fallback routing and analytics. */
export class NodeError extends Error {
  readonly category: ErrorCategory
  readonly code?: string
  readonly details?: Record<string, unknown>
  readonly retryAfterMs?: number

  constructor(
    category: ErrorCategory,
    message: string,
    options: {
      code?: string
      details?: Record<string, unknown>
      retryAfterMs?: number
      cause?: unknown
    } = {}
  ) {
    super(message, { cause: options.cause })
    this.name = 'NodeError'
    this.category = category
    this.code = options.code
    this.details = options.details
    this.retryAfterMs = options.retryAfterMs
  }

  /** Transient, timeout and rate-limited failures are worth retrying; the rest are not. */
  get retryable(): boolean {
    return (
      this.category === 'transient' ||
      this.category === 'timeout' ||
      this.category === 'rate_limited'
    )
  }

  toJSON(): NodeErrorJson {
    return {
      name: 'NodeError',
      message: this.message,
      category: this.category,
      ...(this.code ? { code: this.code } : {}),
      ...(this.details ? { details: this.details } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
    }
  }

  /** Wraps anything thrown by a node: NodeErrors pass through, aborts become timeouts. */
  static from(error: unknown): NodeError {
    if (error instanceof NodeError) return error
    if (error instanceof Error) {
      if (error.name === 'AbortError' || error.name === 'TimeoutError') {
        return new NodeError('timeout', error.message || 'The step timed out', { cause: error })
      }
      return new NodeError('internal', error.message, { cause: error })
    }
    return new NodeError('internal', String(error))
  }
}

/** A domain event as a trigger sees it (StoredDomainEvent from #core/events/bus fits). */
export interface TriggerEvent {
  id?: string
  type: string
  aggregateType?: string
  aggregateId?: string | number
  payload: unknown
  occurredAt?: Date | string
}

export type TriggerKind = 'manual' | 'event' | 'webhook' | 'schedule'

/** Extra, server-side knowledge of trigger node types (used by the trigger index and UI hints). */
export interface TriggerSupport<C> {
  kind: TriggerKind
  /** Domain event types this trigger listens to (kind 'event'). */
  events?(config: C): string[]
  /** Whether a given event passes the trigger's filters (kind 'event'). */
  matches?(config: C, event: TriggerEvent): boolean
  /** Next run times (kind 'schedule'), for UI previews and the scheduler. */
  nextRuns?(config: C, count: number, from?: Date): Date[]
}

/**
 * What a node touches outside its own data, read from its stored config (expressions unrendered):
 * entities (registry names) it reads or writes, domain events it listens to, and the events its
 * writes cause. Feeds the dependencies page and the impact analysis (app/workflows/dependencies).
 */
export interface NodeDependencies {
  reads?: string[]
  writes?: string[]
  listens?: string[]
  emits?: string[]
}

/** What a node asks the runtime to wait for before its step counts as finished. */
export interface WaitRequest {
  kind: 'delay' | 'approval' | 'event' | 'callback'
  /** ISO timestamp to resume at (delay) or to time out at (others). */
  until?: string
  data?: Record<string, unknown>
}

/**
 * Result of `execute`. `port` selects the outputs to follow: one port id, several, or undefined
 * for "every non-error output" (normal nodes and parallel fan-out). With `wait`, the runtime
 * persists the step as waiting and records it as succeeded (same output/port, plus resume data
 * merged into `output.resume` if any) when the wait ends.
 */
export interface NodeResult {
  output: unknown
  port?: string | string[]
  wait?: WaitRequest
}

export interface NotificationRequest {
  userIds?: number[]
  roles?: Role[]
  title: string
  body?: string
  link?: string | null
  severity?: 'info' | 'success' | 'warning' | 'error'
  idempotencyKey: string
}

/** Entity operations bound to the step's tenant (and transaction) by the runtime. */
export interface EntityService {
  find(entity: string, id: number | string): Promise<Record<string, unknown> | null>
  create(
    entity: string,
    data: Record<string, unknown>,
    opts: { idempotencyKey: string }
  ): Promise<Record<string, unknown>>
  update(
    entity: string,
    id: number | string,
    data: Record<string, unknown>,
    opts: { idempotencyKey: string }
  ): Promise<Record<string, unknown>>
}

export interface HttpRequestSpec {
  method: string
  url: string
  headers?: Record<string, string>
  query?: Record<string, string>
  body?: string | null
  timeoutMs: number
  maxRedirects?: number
  maxResponseBytes?: number
  signal?: AbortSignal
}

export interface HttpResponseData {
  status: number
  headers: Record<string, string>
  body: string
  url: string
}

/** Outbound HTTP that refuses private/loopback/link-local targets (see nodes/http/safe_http.ts). */
export interface HttpService {
  request(spec: HttpRequestSpec): Promise<HttpResponseData>
}

export interface NodeLogger {
  debug(message: string, data?: Record<string, unknown>): void
  info(message: string, data?: Record<string, unknown>): void
  warn(message: string, data?: Record<string, unknown>): void
  error(message: string, data?: Record<string, unknown>): void
}

export interface NodeServices {
  notify(request: NotificationRequest): Promise<{ delivered: number }>
  entities: EntityService
  http: HttpService
  logger: NodeLogger
}

export interface NodeContext<C = Record<string, unknown>> {
  /** Output of the upstream step (several upstream steps: `{ [sourceNodeId]: output }`). */
  input: unknown
  /** Config with `{{ }}` expressions already rendered (engine/expressions renderConfig). */
  config: C
  /** Config as stored in the graph (for fields that are paths/rules rather than templates). */
  rawConfig: Record<string, unknown>
  /** What expressions and condition fields resolve against. */
  expression: ExpressionContext
  tenantId: number
  workflowId: number | string
  executionId: number | string
  stepId: number | string | null
  nodeId: string
  scopeKey: string
  attempt: number
  /** `executionId:nodeId:scopeKey`: the same on every retry/re-run of this step. */
  idempotencyKey: string
  signal: AbortSignal
  services: NodeServices
}

export interface NodeDefinition<C = any> {
  type: string
  category: NodeCategory
  group: PaletteGroup
  label: string
  /** PrimeIcons class, e.g. 'pi pi-bolt'. */
  icon: string
  description: string
  ports: NodePorts
  configSchema: TSchema
  defaults: C
  sideEffects: boolean
  /** Default step timeout (the runtime aborts `signal` after it). */
  timeoutMs: number
  /** The output object's keys are merged into `vars` for later steps (set_variables). */
  setsVariables?: boolean
  /** Handlebars template over `config` for the one-line summary on the canvas. */
  summary?: string
  trigger?: TriggerSupport<C>
  /** Entities and events this node reads, writes, listens to or causes (see NodeDependencies). */
  dependencies?(config: C): NodeDependencies
  execute(ctx: NodeContext<C>): Promise<NodeResult>
}

/** JSON-safe part of a definition (GET /api/v1/node-types, builder palette and forms). */
export type PublicNodeType = Omit<NodeDefinition, 'execute' | 'trigger' | 'dependencies'> & {
  trigger?: { kind: TriggerKind }
}
