/**
 * Rows for monitor tests, written straight to the tables (the monitor reads what the runtime
 * writes; running a worker is not what these tests are about).
 */
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { WorkflowGraph } from '#workflows/engine/graph'

export const LINEAR_GRAPH: WorkflowGraph = {
  nodes: [
    {
      id: 'trigger',
      type: 'entity_event',
      name: 'Invoice paid',
      config: { event: 'invoice.paid' },
      position: { x: 0, y: 0 },
    },
    {
      id: 'deal',
      type: 'create_entity',
      name: 'Create follow-up deal',
      config: { entity: 'deal', data: {} },
      position: { x: 260, y: 0 },
    },
    {
      id: 'notify',
      type: 'notification',
      name: 'Tell sales',
      config: {},
      position: { x: 520, y: 0 },
    },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourcePort: 'out', target: 'deal', targetPort: 'in' },
    { id: 'e2', source: 'deal', sourcePort: 'out', target: 'notify', targetPort: 'in' },
  ],
}

export async function createWorkflow(
  tenantId: number,
  options: { name?: string; graph?: WorkflowGraph; status?: string } = {}
) {
  const graph = options.graph ?? LINEAR_GRAPH
  const now = new Date()
  const [workflow] = await db
    .table('workflows')
    .insert({
      tenant_id: tenantId,
      name: options.name ?? `Workflow ${randomUUID().slice(0, 6)}`,
      status: options.status ?? 'active',
      draft_graph: JSON.stringify(graph),
      webhook_token: randomUUID().replaceAll('-', ''),
      latest_version_number: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('*')
  const trigger = graph.nodes.find((n) =>
    ['entity_event', 'crm_event', 'manual', 'webhook', 'schedule'].includes(n.type)
  )
  const [version] = await db
    .table('workflow_versions')
    .insert({
      tenant_id: tenantId,
      workflow_id: workflow.id,
      number: 1,
      graph: JSON.stringify(graph),
      checksum: randomUUID(),
      trigger_type: trigger?.type ?? null,
      created_at: now,
    })
    .returning('*')
  await db.from('workflows').where('id', workflow.id).update({ active_version_id: version.id })
  return { workflowId: Number(workflow.id), versionId: Number(version.id), name: workflow.name }
}

export interface ExecutionSeed {
  status?: string
  triggerType?: string
  input?: unknown
  output?: unknown
  error?: unknown
  createdAt?: Date
  durationMs?: number
  steps?: Array<{
    nodeId: string
    nodeType: string
    status: string
    scopeKey?: string
    input?: unknown
    output?: unknown
    error?: unknown
    durationMs?: number
  }>
}

export async function createExecution(
  tenantId: number,
  workflow: { workflowId: number; versionId: number },
  seed: ExecutionSeed = {}
) {
  const createdAt = seed.createdAt ?? new Date()
  const status = seed.status ?? 'succeeded'
  const finished = ['succeeded', 'failed', 'cancelled'].includes(status)
  const startedAt = new Date(createdAt.getTime() + 5)
  const finishedAt = finished ? new Date(startedAt.getTime() + (seed.durationMs ?? 100)) : null
  const [row] = await db
    .table('executions')
    .insert({
      tenant_id: tenantId,
      workflow_id: workflow.workflowId,
      version_id: workflow.versionId,
      status,
      trigger_type: seed.triggerType ?? 'entity_event',
      priority: 'normal',
      input: JSON.stringify(seed.input ?? {}),
      output: seed.output === undefined ? null : JSON.stringify(seed.output),
      error: seed.error === undefined ? null : JSON.stringify(seed.error),
      step_count: seed.steps?.length ?? 0,
      created_at: createdAt,
      started_at: status === 'queued' ? null : startedAt,
      finished_at: finishedAt,
      updated_at: finishedAt ?? startedAt,
    })
    .returning('id')
  const id = Number(row.id ?? row)
  let seq = 0
  let offset = startedAt.getTime()
  for (const step of seed.steps ?? []) {
    seq += 1
    const duration = step.durationMs ?? 10
    await db.table('execution_steps').insert({
      tenant_id: tenantId,
      execution_id: id,
      node_id: step.nodeId,
      node_type: step.nodeType,
      scope_key: step.scopeKey ?? '',
      idempotency_key: `${id}:${step.nodeId}:${step.scopeKey ?? ''}`,
      status: step.status,
      attempt: 1,
      seq,
      input: step.input === undefined ? null : JSON.stringify(step.input),
      output: step.output === undefined ? null : JSON.stringify(step.output),
      error: step.error === undefined ? null : JSON.stringify(step.error),
      started_at: new Date(offset),
      finished_at: step.status === 'running' ? null : new Date(offset + duration),
      duration_ms: step.status === 'running' ? null : duration,
    })
    offset += duration
  }
  return id
}

/** A domain-event input as the trigger listener stores it. */
export function eventInput(entityType: string, entityId: number, entity: Record<string, unknown>) {
  return {
    id: randomUUID(),
    type: `${entityType}.paid`,
    aggregateType: entityType,
    aggregateId: String(entityId),
    payload: { entity: { id: entityId, ...entity } },
    occurredAt: new Date().toISOString(),
  }
}
