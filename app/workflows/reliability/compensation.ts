/**
 * Compensation (saga, issue 5). A node may declare how to undo its effect in its config:
 *
 *   config.compensation = { type: 'update_entity',
 *                           config: { entity: 'invoice', id: '{{steps.bill.id}}',
 *                                     data: { status: 'void' } } }
 *
 * When an execution fails past its handlers, the compensations of its succeeded top-level steps
 * run in reverse order of completion, each through the same node machinery (runNode: rendered
 * expressions, timeout, categorised errors) and each recorded as a step `<nodeId>~compensate`
 * (idempotency key `<execution>:<nodeId>~compensate:<scope>`, so a repeated run records and
 * passes on the same key). Expressions see the execution as it ended: `trigger`, `steps.<id>`
 * (outputs of succeeded steps) and `compensating` (the step being undone). A failing
 * compensation is recorded and the others still run.
 */
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { nodeRegistry } from '#workflows/nodes/registry'
import { runNode } from '#workflows/nodes/run_node'
import { nodeServices } from '#workflows/runtime/node_services'
import { loadVersion } from '#workflows/runtime/version_cache'
import type { ExpressionContext } from '#workflows/engine/context'

export const COMPENSATE_SUFFIX = '~compensate'

export interface CompensationSpec {
  type: string
  config?: Record<string, unknown>
}

export function compensationOf(config: Record<string, unknown>): CompensationSpec | null {
  const spec = config.compensation as CompensationSpec | undefined
  if (!spec || typeof spec !== 'object' || typeof spec.type !== 'string') return null
  return spec
}

interface Executed {
  node_id: string
  node_type: string
  scope_key: string
  output: unknown
  seq: number
}

export async function runCompensations(execution: {
  id: number
  tenantId: number
  workflowId: number
  versionId: number
}): Promise<{ ran: number; failed: number }> {
  const version = await loadVersion(execution.versionId)
  const nodes = new Map(version.graph.nodes.map((graphNode) => [graphNode.id, graphNode]))
  const withCompensation = version.graph.nodes.some((graphNode) => compensationOf(graphNode.config))
  if (!withCompensation) return { ran: 0, failed: 0 }

  const steps = (await db
    .from('execution_steps')
    .where('execution_id', execution.id)
    .where('status', 'succeeded')
    .orderBy('seq')
    .orderBy('id')
    .select('node_id', 'node_type', 'scope_key', 'output', 'seq')) as Executed[]
  const row = await db.from('executions').where('id', execution.id).select('input').first()
  const outputs: Record<string, unknown> = {}
  for (const step of steps) if (step.scope_key === '') outputs[step.node_id] = step.output
  const triggerId = version.compiled.triggerId
  let seq = steps.reduce((max, step) => Math.max(max, step.seq), 0)

  let ran = 0
  let failed = 0
  for (const step of [...steps].reverse()) {
    if (step.node_id.endsWith(COMPENSATE_SUFFIX)) continue
    const spec = compensationOf(nodes.get(step.node_id)?.config ?? {})
    if (!spec) continue
    const definition = nodeRegistry.get(spec.type)
    const nodeId = `${step.node_id}${COMPENSATE_SUFFIX}`
    const idempotencyKey = `${execution.id}:${nodeId}:${step.scope_key}`
    const expression: ExpressionContext = {
      trigger: outputs[triggerId] ?? row?.input ?? null,
      steps: outputs,
      vars: { ...version.graph.variables },
      execution: { id: execution.id, workflowId: execution.workflowId },
      compensating: { nodeId: step.node_id, output: step.output },
    }
    const startedAt = new Date()
    const result = definition
      ? await runNode(definition, {
          input: step.output,
          rawConfig: spec.config ?? {},
          expression,
          tenantId: execution.tenantId,
          workflowId: execution.workflowId,
          executionId: execution.id,
          stepId: null,
          nodeId,
          scopeKey: step.scope_key,
          attempt: 1,
          idempotencyKey,
          services: nodeServices({
            tenantId: execution.tenantId,
            executionId: execution.id,
            workflowId: execution.workflowId,
            nodeId,
          }),
        })
      : null
    const ok = result?.ok === true
    const error = result
      ? result.ok
        ? null
        : result.error.toJSON()
      : { category: 'validation', message: `Unknown compensation node type "${spec.type}"` }
    await db.rawQuery(
      `INSERT INTO execution_steps (tenant_id, execution_id, node_id, node_type, scope_key,
          idempotency_key, status, attempt, seq, input, output, error, started_at, finished_at,
          duration_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?::execution_step_status, 1, ?, ?::jsonb, ?::jsonb, ?::jsonb,
          ?, now(), ?)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        execution.tenantId,
        execution.id,
        nodeId,
        spec.type,
        step.scope_key,
        idempotencyKey,
        ok ? 'succeeded' : 'failed',
        ++seq,
        JSON.stringify(step.output ?? null),
        JSON.stringify(result?.ok ? (result.result.output ?? null) : null),
        JSON.stringify(error),
        startedAt,
        Math.round(result?.durationMs ?? 0),
      ]
    )
    ran++
    if (!ok) {
      failed++
      logger.warn({ executionId: execution.id, nodeId, error }, 'compensation failed')
    }
  }
  if (ran > 0) {
    await db.rawQuery(`UPDATE executions SET step_count = step_count + ? WHERE id = ?`, [
      ran,
      execution.id,
    ])
  }
  return { ran, failed }
}
