/**
 * Everything the execution viewer shows: the execution, the graph of the version it ran on, every
 * step checkpoint and the records it touched. Payloads above PREVIEW_LIMIT bytes are not sent
 * whole (a 5 MB HTTP response would freeze the inspector); the viewer fetches them on demand with
 * `executionPayload` ("load full").
 */
import db from '@adonisjs/lucid/services/db'
import { errors as lucidErrors } from '@adonisjs/lucid'
import { resolvePorts } from '#workflows/engine/ports'
import { nodeRegistry } from '#workflows/nodes/registry'
import { subjectsOf } from '#workflows/monitoring/execution_search'
import type {
  ExecutionView,
  GraphView,
  NodeMetaView,
  PayloadView,
} from '#workflows/monitoring/view_types'

export const PAYLOAD_LIMIT = 16 * 1024
const PREVIEW_CHARS = 2000

export const PAYLOAD_PARTS = ['input', 'output', 'error'] as const
export type PayloadPart = (typeof PAYLOAD_PARTS)[number]

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null)

/** Selects `part` whole when small, else only its size and a text preview (computed in SQL). */
function payloadColumns(alias: string, part: PayloadPart) {
  const column = `${alias}.${part}`
  return [
    db.raw(`CASE WHEN octet_length(${column}::text) <= ? THEN ${column} END as ${part}_value`, [
      PAYLOAD_LIMIT,
    ]),
    db.raw(`octet_length(${column}::text) as ${part}_size`),
    db.raw(
      `CASE WHEN octet_length(${column}::text) > ? THEN left(${column}::text, ?) END as ${part}_preview`,
      [PAYLOAD_LIMIT, PREVIEW_CHARS]
    ),
  ]
}

function payloadOf(row: Record<string, any>, part: PayloadPart): PayloadView {
  const size = row[`${part}_size`]
  if (size !== null && Number(size) > PAYLOAD_LIMIT) {
    return { truncated: true, size: Number(size), preview: String(row[`${part}_preview`] ?? '') }
  }
  return { truncated: false, value: row[`${part}_value`] ?? null }
}

const isId = (value: unknown) => /^\d{1,18}$/.test(String(value))

/** The execution of `tenantId` with its steps, or a 404 (also for another tenant's execution). */
export async function loadExecutionView(
  tenantId: number,
  id: number | string
): Promise<ExecutionView> {
  const row = isId(id)
    ? await db
        .from('executions as e')
        .join('workflows as w', 'w.id', 'e.workflow_id')
        .join('workflow_versions as v', 'v.id', 'e.version_id')
        .where('e.tenant_id', tenantId)
        .where('e.id', String(id))
        .select(
          'e.id',
          'e.workflow_id',
          'w.name as workflow_name',
          'e.version_id',
          'v.number as version_number',
          'v.graph',
          'e.status',
          'e.trigger_type',
          'e.priority',
          'e.started_by',
          'e.replay_of_execution_id',
          'e.step_count',
          'e.created_at',
          'e.started_at',
          'e.finished_at'
        )
        .select(
          db.raw(
            `(extract(epoch from (e.finished_at - e.started_at)) * 1000)::bigint as duration_ms`
          )
        )
        .select(...PAYLOAD_PARTS.flatMap((part) => payloadColumns('e', part)))
        .first()
    : null
  if (!row) throw new lucidErrors.E_ROW_NOT_FOUND()

  const stepRows = await db
    .from('execution_steps as s')
    .where('s.tenant_id', tenantId)
    .where('s.execution_id', row.id)
    .select(
      's.id',
      's.node_id',
      's.node_type',
      's.scope_key',
      's.status',
      's.attempt',
      's.seq',
      's.port',
      's.started_at',
      's.finished_at',
      's.duration_ms'
    )
    .select(db.raw(`s.error->>'category' as error_category`))
    .select(db.raw(`left(s.error->>'message', 500) as error_message`))
    .select(...PAYLOAD_PARTS.flatMap((part) => payloadColumns('s', part)))
    .orderBy('s.seq', 'asc')
    .orderBy('s.id', 'asc')
  const subjects = await subjectsOf(tenantId, [Number(row.id)])
  const replays = await db
    .from('executions')
    .where('tenant_id', tenantId)
    .where('replay_of_execution_id', row.id)
    .orderBy('id')
    .limit(50)
    .select('id')
  const graph = normaliseGraph(row.graph)

  return {
    id: Number(row.id),
    workflowId: Number(row.workflow_id),
    workflowName: row.workflow_name,
    versionId: Number(row.version_id),
    versionNumber: row.version_number === null ? null : Number(row.version_number),
    graph,
    nodes: nodeMeta(graph),
    status: row.status,
    triggerType: row.trigger_type,
    priority: row.priority,
    startedBy: row.started_by === null ? null : Number(row.started_by),
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    stepCount: Number(row.step_count),
    input: payloadOf(row, 'input'),
    output: payloadOf(row, 'output'),
    error: payloadOf(row, 'error'),
    subjects: subjects.get(Number(row.id)) ?? [],
    replayOfExecutionId: row.replay_of_execution_id ? Number(row.replay_of_execution_id) : null,
    replayIds: replays.map((replay) => Number(replay.id)),
    steps: stepRows.map((step) => ({
      id: Number(step.id),
      nodeId: step.node_id,
      nodeType: step.node_type,
      scopeKey: step.scope_key,
      status: step.status,
      attempt: Number(step.attempt),
      seq: Number(step.seq),
      port: step.port ?? null,
      startedAt: iso(step.started_at),
      finishedAt: iso(step.finished_at),
      durationMs: step.duration_ms === null ? null : Number(step.duration_ms),
      errorCategory: step.error_category ?? null,
      errorMessage: step.error_message ?? null,
      input: payloadOf(step, 'input'),
      output: payloadOf(step, 'output'),
      error: payloadOf(step, 'error'),
    })),
  }
}

/** One whole payload (execution or step), for "load full". 404 outside the tenant. */
export async function executionPayload(
  tenantId: number,
  executionId: number | string,
  part: PayloadPart,
  stepId?: number
): Promise<unknown> {
  if (!isId(executionId)) throw new lucidErrors.E_ROW_NOT_FOUND()
  const query = stepId
    ? db
        .from('execution_steps')
        .where('tenant_id', tenantId)
        .where('execution_id', String(executionId))
        .where('id', stepId)
    : db.from('executions').where('tenant_id', tenantId).where('id', String(executionId))
  const row = await query.select(part).first()
  if (!row) throw new lucidErrors.E_ROW_NOT_FOUND()
  return row[part] ?? null
}

function normaliseGraph(raw: unknown): GraphView {
  const graph = (raw && typeof raw === 'object' ? raw : {}) as Partial<GraphView>
  return {
    nodes: Array.isArray(graph.nodes) ? graph.nodes : [],
    edges: Array.isArray(graph.edges) ? graph.edges : [],
  }
}

/** Label, icon and resolved ports (switch cases, branches) of each node, from the registry. */
function nodeMeta(graph: GraphView): Record<string, NodeMetaView> {
  const meta: Record<string, NodeMetaView> = {}
  for (const node of graph.nodes) {
    const definition = nodeRegistry.get(node.type)
    const ports = definition
      ? resolvePorts(definition, node.config ?? {})
      : { inputs: [], outputs: [] }
    meta[node.id] = {
      label: definition?.label ?? node.type,
      icon: definition?.icon ?? 'pi pi-question-circle',
      inputs: ports.inputs.map(({ id, label, kind }) => ({ id, label, kind })),
      outputs: ports.outputs.map(({ id, label, kind }) => ({ id, label, kind })),
    }
  }
  return meta
}
