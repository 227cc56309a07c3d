/**
 * Runtime side of the Sub-Workflow node (issue 8).
 *
 * - `callSubworkflow` starts the child execution (once per calling step: a re-run finds its
 *   call row) with the mapped parameters, checked against the callee's manual-trigger form, and
 *   refuses to go deeper than MAX_CALL_DEPTH.
 * - A synchronous caller parks on a `subworkflow` wait. When the child finishes,
 *   `onChildExecutionFinished` marks that wait resumed and wakes the caller; the calling step
 *   then runs again, finds the finished child and returns its Return values (or fails with the
 *   child's error category). `subworkflowWaits.stored` covers a child that finished before
 *   the caller's wait was committed: it locks the child row, so the two cannot miss each other.
 * - A child that is cancelled wakes its caller the same way (cancelExecution calls
 *   `onChildExecutionFinished`); the calling step then fails with code `subworkflow_cancelled`,
 *   which an error port or Try/Catch can catch.
 * - The callee may be a library component another tenant shares with the caller: it runs as an
 *   execution of the calling tenant (data, quotas) on the owner's published version.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { NodeError, type ErrorCategory, ERROR_CATEGORIES } from '#workflows/nodes/types'
import { insertExecutions } from '#workflows/runtime/execution_store'
import { enqueueExecution } from '#workflows/runtime/queue'
import { executionChanged } from '#workflows/runtime/lifecycle'
import { loadVersion } from '#workflows/runtime/version_cache'
import { validateManualInput, type ManualConfig } from '#workflows/nodes/triggers/manual'
import type { WaitKindHandler } from '#workflows/waits/hooks'
import type { Priority } from '#workflows/models/workflow'
import { refuseOverQuota } from '#workflows/reliability/quotas'
import { findCallee, refusalMessage } from '#workflows/library/access'

export const MAX_CALL_DEPTH = 10
export const SUBWORKFLOW_WAIT_KIND = 'subworkflow'
const FINISHED = new Set(['succeeded', 'failed', 'cancelled'])

export interface CallRequest {
  tenantId: number
  executionId: number
  nodeId: string
  scopeKey: string
  workflowId: number
  /** Owner tenant of a shared library component, as the builder wrote it on the node. */
  ownerTenantId?: number | null
  /** Pinned version number; null = the callee's active (latest published) version. */
  version: number | null
  mode: 'sync' | 'async'
  parameters: Record<string, unknown>
}

export interface ChildState {
  childExecutionId: number
  calleeWorkflowId: number
  depth: number
  status: string
  output: unknown
  error: Record<string, unknown> | null
  returned: Record<string, unknown> | null
}

async function existingCall(request: CallRequest): Promise<ChildState | null> {
  const row = await db
    .from('subworkflow_calls as c')
    .join('executions as e', 'e.id', 'c.child_execution_id')
    .where('c.parent_execution_id', request.executionId)
    .where('c.parent_node_id', request.nodeId)
    .where('c.scope_key', request.scopeKey)
    .select(
      'c.child_execution_id',
      'c.callee_workflow_id',
      'c.depth',
      'e.status',
      'e.output',
      'e.error'
    )
    .first()
  if (!row) return null
  const childId = Number(row.child_execution_id)
  return {
    childExecutionId: childId,
    calleeWorkflowId: Number(row.callee_workflow_id),
    depth: Number(row.depth),
    status: row.status,
    output: row.output,
    error: row.error,
    returned: FINISHED.has(row.status) ? await returnedValues(childId) : null,
  }
}

/** What the child's Return node (the last one that ran) handed back. */
async function returnedValues(childExecutionId: number) {
  const step = await db
    .from('execution_steps')
    .where('execution_id', childExecutionId)
    .where('node_type', 'return')
    .where('status', 'succeeded')
    .orderBy('seq', 'desc')
    .select('output')
    .first()
  const output = step?.output as { values?: Record<string, unknown> } | undefined
  return output?.values ?? null
}

/** How deep the calling execution already is (0 for one not started by a Sub-Workflow node). */
async function depthOf(executionId: number) {
  const row = await db
    .from('subworkflow_calls')
    .where('child_execution_id', executionId)
    .select('depth')
    .first()
  return row ? Number(row.depth) : 0
}

/**
 * The workflow to run and its version. The callee may be the tenant's own workflow or a library
 * component shared with it (library/access.ts); either way the child runs as an execution of the
 * calling tenant (its data, its quotas) on the owner's published version. A foreign workflow that
 * is not shared is "not found"; a revoked share refuses new calls (running children go on).
 */
async function resolveCallee(request: CallRequest, definitionTenantId: number | undefined) {
  const lookup = await findCallee({
    tenantId: request.tenantId,
    workflowId: request.workflowId,
    ownerTenantId: request.ownerTenantId ?? null,
    definitionTenantId,
  })
  if (!lookup.ok) {
    throw lookup.reason === 'revoked'
      ? new NodeError('auth', refusalMessage(request.workflowId, lookup), {
          code: 'callee_share_revoked',
        })
      : new NodeError('not_found', refusalMessage(request.workflowId, lookup), {
          code: 'callee_not_found',
        })
  }
  const workflow = lookup.callee
  let versionId = workflow.activeVersionId
  if (request.version !== null) {
    const version = await db
      .from('workflow_versions')
      .where('workflow_id', workflow.workflowId)
      .where('number', request.version)
      .select('id')
      .first()
    if (!version) {
      throw new NodeError('not_found', `"${workflow.name}" has no version ${request.version}`, {
        code: 'callee_version_not_found',
      })
    }
    versionId = Number(version.id)
  }
  if (!versionId || workflow.status === 'archived') {
    throw new NodeError('business', `"${workflow.name}" is not published`, {
      code: 'callee_not_published',
    })
  }
  return { workflowId: workflow.workflowId, name: workflow.name, versionId }
}

/** The calling execution's priority and the tenant owning its workflow's definition. */
async function callerOf(executionId: number) {
  const row = await db
    .from('executions as e')
    .join('workflows as w', 'w.id', 'e.workflow_id')
    .where('e.id', executionId)
    .select('e.priority', 'w.tenant_id')
    .first()
  return {
    priority: (row?.priority ?? 'normal') as Priority,
    definitionTenantId: row ? Number(row.tenant_id) : undefined,
  }
}

/** Starts the child (or finds the one this step already started). */
export async function callSubworkflow(request: CallRequest): Promise<ChildState> {
  const existing = await existingCall(request)
  if (existing) return existing

  const depth = (await depthOf(request.executionId)) + 1
  if (depth > MAX_CALL_DEPTH) {
    throw new NodeError(
      'validation',
      `Sub-workflow depth limit reached: this call would be level ${depth}, the limit is ${MAX_CALL_DEPTH} (a workflow calling itself through others?)`,
      { code: 'depth_limit', details: { depth, limit: MAX_CALL_DEPTH } }
    )
  }
  const caller = await callerOf(request.executionId)
  const callee = await resolveCallee(request, caller.definitionTenantId)
  const version = await loadVersion(callee.versionId)
  const trigger = version.graph.nodes.find((node) => node.id === version.compiled.triggerId)
  let input = request.parameters
  if (trigger?.type === 'manual') {
    const checked = validateManualInput(trigger.config as unknown as ManualConfig, input)
    const problems = Object.entries(checked.errors)
    if (problems.length) {
      throw new NodeError(
        'validation',
        `Parameters for "${callee.name}" are invalid: ${problems.map(([k, m]) => `${k}: ${m}`).join('; ')}`,
        { code: 'invalid_parameters', details: { fields: checked.errors } }
      )
    }
    input = checked.values
  }
  const priority = caller.priority
  const triggerKey = `sub:${request.executionId}:${request.nodeId}:${request.scopeKey}`
  // The child counts against the calling tenant's quotas (reliability/quotas.ts).
  const refused = await refuseOverQuota([
    {
      tenantId: request.tenantId,
      workflowId: callee.workflowId,
      triggerType: 'sub_workflow',
      triggerKey,
      input,
    },
  ])
  if (refused.size > 0) {
    throw new NodeError(
      'rate_limited',
      `The workspace has used its execution quota; "${callee.name}" was not started`,
      { code: 'quota_exceeded' }
    )
  }

  const childId = await db.transaction(async (trx) => {
    const [id] = await insertExecutions(
      [
        {
          tenantId: request.tenantId,
          workflowId: callee.workflowId,
          versionId: callee.versionId,
          triggerType: 'sub_workflow',
          triggerKey,
          priority,
          input,
          startedBy: null,
        },
      ],
      trx
    )
    if (id === null) return null
    await trx.table('subworkflow_calls').insert({
      tenant_id: request.tenantId,
      parent_execution_id: request.executionId,
      parent_node_id: request.nodeId,
      scope_key: request.scopeKey,
      child_execution_id: id,
      callee_workflow_id: callee.workflowId,
      mode: request.mode,
      depth,
    })
    return id
  })
  // A concurrent run of the same step won the insert: use its child.
  if (childId === null) return (await existingCall(request))!
  await enqueueExecution(childId, priority)
  executionChanged('execution.queued', {
    id: childId,
    tenantId: request.tenantId,
    workflowId: callee.workflowId,
  })
  return {
    childExecutionId: childId,
    calleeWorkflowId: callee.workflowId,
    depth,
    status: 'queued',
    output: null,
    error: null,
    returned: null,
  }
}

/** A finished child as the calling step's result: its Return values, or a categorized failure. */
export function childResult(child: ChildState) {
  if (child.status === 'succeeded') {
    return {
      childExecutionId: child.childExecutionId,
      workflowId: child.calleeWorkflowId,
      status: 'succeeded',
      result: child.returned ?? child.output ?? null,
    }
  }
  const error = child.error ?? {}
  const category = ERROR_CATEGORIES.includes(error.category as ErrorCategory)
    ? (error.category as ErrorCategory)
    : 'internal'
  const message =
    typeof error.message === 'string' ? error.message : `The sub-workflow ${child.status}`
  throw new NodeError(
    category,
    `Sub-workflow execution #${child.childExecutionId} ${child.status}: ${message}`,
    {
      code: child.status === 'cancelled' ? 'subworkflow_cancelled' : 'subworkflow_failed',
      details: {
        childExecutionId: child.childExecutionId,
        childError: error,
      },
    }
  )
}

/**
 * Ends the caller's wait and puts the caller back to `queued`: the runtime only leases a waiting
 * execution for a due timer, and the calling step must run again (it then reads the child).
 */
async function resumeCaller(
  client: TransactionClientContract | ReturnType<typeof db.connection>,
  where: { executionId: number; nodeId: string; scopeKey: string }
) {
  const result = await client.rawQuery(
    `WITH resumed AS (
       UPDATE execution_waits SET status = 'resumed', resumed_at = now()
       WHERE execution_id = ? AND node_id = ? AND scope_key = ? AND kind = ? AND status = 'pending'
       RETURNING execution_id)
     UPDATE executions SET status = 'queued', updated_at = now()
     WHERE id IN (SELECT execution_id FROM resumed) AND status = 'waiting'
     RETURNING id`,
    [where.executionId, where.nodeId, where.scopeKey, SUBWORKFLOW_WAIT_KIND]
  )
  return result.rows.length > 0
}

async function wake(executionId: number) {
  const row = await db.from('executions').where('id', executionId).select('priority').first()
  await enqueueExecution(executionId, row?.priority ?? 'normal', undefined, `sub${Date.now()}`)
}

/**
 * Called when any execution finished (the runtime) or was cancelled (cancelExecution): wakes its
 * synchronous caller, if any.
 */
export async function onChildExecutionFinished(childExecutionId: number) {
  const call = await db
    .from('subworkflow_calls')
    .where('child_execution_id', childExecutionId)
    .where('mode', 'sync')
    .select('parent_execution_id', 'parent_node_id', 'scope_key')
    .first()
  if (!call) return
  const parent = Number(call.parent_execution_id)
  const resumed = await resumeCaller(db.connection(), {
    executionId: parent,
    nodeId: call.parent_node_id,
    scopeKey: call.scope_key,
  })
  if (resumed) await wake(parent)
}

/** Wait hook (waits/hooks.ts): a child that finished before the caller parked resumes it now. */
export const subworkflowWaits: WaitKindHandler = {
  async stored(trx, execution, waits) {
    for (const wait of waits) {
      const childId = Number((wait.payload as { childExecutionId?: number })?.childExecutionId)
      if (!childId) continue
      // FOR SHARE: the child's final checkpoint waits for this commit, so either it sees our
      // pending wait afterwards or we see it finished here.
      const child = await trx.rawQuery(`SELECT status FROM executions WHERE id = ? FOR SHARE`, [
        childId,
      ])
      if (!FINISHED.has(child.rows[0]?.status)) continue
      const where = { executionId: execution.id, nodeId: wait.nodeId, scopeKey: wait.scopeKey }
      if (await resumeCaller(trx, where)) {
        trx.after('commit', () => {
          wake(execution.id).catch(() => {})
        })
      }
    }
  },
  async resolve() {
    // Sub-workflow waits have no timeout: they end by onChildExecutionFinished only.
    return null
  },
}
