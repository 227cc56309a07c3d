import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type Tenant from '#core/models/tenant'
import type User from '#core/models/user'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import {
  chain,
  closeWorkflowConnections,
  node,
  publishedWorkflow,
  resetWorkflowState,
  startWorker,
  waitForStatus,
} from '#tests/helpers/workflows'
import type Workflow from '#workflows/models/workflow'
import ExecutionStep from '#workflows/models/execution_step'
import { workflowService } from '#workflows/services/workflow_service'
import { runManually } from '#workflows/services/execution_service'
import { enqueueExecution } from '#workflows/runtime/queue'
import { MAX_CALL_DEPTH } from '#workflows/versions/subflows/calls'
import type { WorkflowWorker } from '#workflows/runtime/worker'
import { markComponent, unmarkComponent } from '#workflows/library/components'
import { revokeShare, shareComponent } from '#workflows/library/sharing'
import { WorkflowError } from '#workflows/services/workflow_error'

async function lastStep(executionId: number, nodeId: string) {
  return ExecutionStep.query()
    .where('execution_id', executionId)
    .where('node_id', nodeId)
    .orderBy('seq', 'desc')
    .firstOrFail()
}

async function callOutput(executionId: number) {
  const step = await lastStep(executionId, 'call')
  return step.output as Record<string, any>
}

/** Callee: manual form (amount, name) → optional extra nodes → Return { label, amount }. */
function calleeGraph(...middle: ReturnType<typeof node>[]) {
  return chain(
    node('start', 'manual', {
      fields: [
        { key: 'amount', label: 'Amount', type: 'number', required: true },
        { key: 'name', label: 'Name', type: 'string', required: true },
      ],
    }),
    ...middle,
    node('answer', 'return', {
      values: { label: 'child saw {{trigger.name}}', amount: '{{trigger.amount}}' },
    })
  )
}

function callerGraph(callee: Workflow, owner: Tenant | null) {
  return chain(
    node('start', 'manual'),
    node('call', 'sub_workflow', {
      workflowId: callee.id,
      ownerTenantId: owner?.id ?? null,
      mode: 'sync',
      parameters: { amount: '{{trigger.total}}', name: '{{trigger.customer}}' },
    })
  )
}

/** Marks `workflow` as a component of its tenant and shares it with `grantee`. */
async function shareWith(workflow: Workflow, by: User, grantee: Tenant) {
  const component = await markComponent(workflow, by.id, { name: `${workflow.name} (shared)` })
  const { share } = await shareComponent(component, grantee.slug, by.id)
  return { component, share }
}

/** Publishing must fail with a WorkflowError; returns it. */
async function refusedPublish(workflow: Workflow, userId: number) {
  try {
    await workflowService.publish(workflow, userId)
  } catch (error) {
    if (error instanceof WorkflowError) return error
    throw error
  }
  throw new Error('publishing was accepted')
}

test.group('Sub-workflows shared between tenants', (group) => {
  let worker: WorkflowWorker | null = null
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    return async () => {
      await worker?.stop()
      worker = null
    }
  })

  test('a grantee calls a shared component: the child runs as the caller’s execution on the owner’s version and returns its values', async ({
    assert,
  }) => {
    const { tenant: owner, user: ownerUser } = await createTenantWithUser('admin')
    const { tenant: grantee, user: granteeUser } = await createTenantWithUser('builder')
    const callee = await publishedWorkflow(owner.id, ownerUser.id, calleeGraph(), 'Shared callee')
    await shareWith(callee, ownerUser, grantee)
    const caller = await publishedWorkflow(
      grantee.id,
      granteeUser.id,
      callerGraph(callee, owner),
      'Grantee caller'
    )
    worker = await startWorker()
    const id = await runManually(caller, { total: 7, customer: 'Ada' })
    const finished = await waitForStatus(id, ['succeeded', 'failed'])
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error))

    const output = await callOutput(id)
    assert.deepEqual(output.result, { label: 'child saw Ada', amount: 7 })
    const child = await db.from('executions').where('id', output.childExecutionId).firstOrFail()
    // The caller's data and quotas: the child belongs to the calling tenant…
    assert.equal(Number(child.tenant_id), grantee.id)
    // …and runs the owner's published version.
    assert.equal(Number(child.workflow_id), callee.id)
    assert.equal(Number(child.version_id), callee.activeVersionId)
    const steps = await db.from('execution_steps').where('execution_id', child.id)
    assert.isTrue(steps.every((step) => Number(step.tenant_id) === grantee.id))
    // Nothing was written for the owner tenant.
    assert.lengthOf(await db.from('executions').where('tenant_id', owner.id), 0)
  })

  test('revoking stops new calls with an auth error; a child already running finishes', async ({
    assert,
  }) => {
    const { tenant: owner, user: ownerUser } = await createTenantWithUser('admin')
    const { tenant: grantee, user: granteeUser } = await createTenantWithUser('builder')
    const callee = await publishedWorkflow(
      owner.id,
      ownerUser.id,
      calleeGraph(node('pause', 'delay', { mode: 'duration', duration: '1h' })),
      'Slow shared callee'
    )
    const { component, share } = await shareWith(callee, ownerUser, grantee)
    const caller = await publishedWorkflow(grantee.id, granteeUser.id, callerGraph(callee, owner))
    worker = await startWorker()

    const running = await runManually(caller, { total: 1, customer: 'Bo' })
    await waitForStatus(running, ['waiting'])
    const call = await db.from('subworkflow_calls').where('parent_execution_id', running).first()
    await waitForStatus(Number(call.child_execution_id), ['waiting'])

    await revokeShare(component, share.id, ownerUser.id)

    // A new call is refused with a clear, categorized error.
    const refused = await runManually(caller, { total: 2, customer: 'Cy' })
    const failed = await waitForStatus(refused, ['succeeded', 'failed'])
    assert.equal(failed.status, 'failed')
    assert.equal((failed.error as any).category, 'auth')
    assert.equal((failed.error as any).code, 'callee_share_revoked')
    assert.include((failed.error as any).message, 'no longer shared')

    // The child started before the revocation goes on: its delay falls due (fake clock), it
    // finishes, and its caller gets the values.
    const childId = Number(call.child_execution_id)
    await db
      .from('execution_waits')
      .where('execution_id', childId)
      .update({ resume_at: new Date() })
    await enqueueExecution(childId, 'normal')
    const done = await waitForStatus(running, ['succeeded', 'failed'])
    assert.equal(done.status, 'succeeded', JSON.stringify(done.error))
    const output = await callOutput(running)
    assert.deepEqual(output.result, { label: 'child saw Bo', amount: 1 })

    // Republishing the caller is refused too (the node names the revoked share).
    await workflowService.saveDraft(caller, callerGraph(callee, owner))
    const error = await refusedPublish(caller, granteeUser.id)
    assert.equal(error.issues[0].code, 'E_CALLEE_NOT_SHARED')
    assert.equal(error.issues[0].nodeId, 'call')
  })

  test('a foreign workflow that is not shared is refused at run time as not found', async ({
    assert,
  }) => {
    const { tenant: owner, user: ownerUser } = await createTenantWithUser('admin')
    const { tenant: grantee, user: granteeUser } = await createTenantWithUser('builder')
    const callee = await publishedWorkflow(owner.id, ownerUser.id, calleeGraph(), 'Callee')
    const { component, share } = await shareWith(callee, ownerUser, grantee)
    const caller = await publishedWorkflow(grantee.id, granteeUser.id, callerGraph(callee, owner))
    // The owner revokes and removes it from the library: no trace of a share is left.
    await revokeShare(component, share.id, ownerUser.id)
    assert.isTrue(await unmarkComponent(callee))

    worker = await startWorker()
    const id = await runManually(caller, { total: 1, customer: 'Di' })
    const failed = await waitForStatus(id, ['succeeded', 'failed'])
    assert.equal(failed.status, 'failed')
    assert.equal((failed.error as any).category, 'not_found')
    assert.equal((failed.error as any).code, 'callee_not_found')
    assert.include((failed.error as any).message, `Workflow #${callee.id} does not exist`)
    assert.lengthOf(await db.from('subworkflow_calls'), 0)

    // A node claiming the wrong owner workspace is refused the same way at publish time.
    const { component: again } = await shareWith(callee, ownerUser, grantee)
    assert.exists(again)
    const wrongOwner = await workflowService.create(grantee.id, granteeUser.id, {
      name: 'Wrong owner',
      graph: callerGraph(callee, grantee),
    })
    const error = await refusedPublish(wrongOwner, granteeUser.id)
    assert.equal(error.issues[0].code, 'E_CALLEE_NOT_FOUND')
  })

  test('a call cycle through another tenant’s shared component is refused at publish', async ({
    assert,
  }) => {
    const { tenant: a, user: aUser } = await createTenantWithUser('admin')
    const { tenant: b, user: bUser } = await createTenantWithUser('admin')
    const wb = await publishedWorkflow(b.id, bUser.id, calleeGraph(), 'B component')
    await shareWith(wb, bUser, a)
    const wa = await publishedWorkflow(a.id, aUser.id, callerGraph(wb, b), 'A component')
    await shareWith(wa, aUser, b)

    // B now makes its component call A's: WB → WA → WB.
    await workflowService.saveDraft(
      wb,
      chain(
        node('start', 'manual'),
        node('callA', 'sub_workflow', { workflowId: wa.id, ownerTenantId: a.id, parameters: {} })
      )
    )
    const error = await refusedPublish(wb, bUser.id)
    assert.equal(error.issues[0].code, 'E_CALL_CYCLE')
    assert.equal(error.issues[0].nodeId, 'callA')
    assert.include(error.message, 'B component → A component → B component')
    await wb.refresh()
    assert.equal(wb.latestVersionNumber, 1)
  })

  test('the depth limit counts calls across a shared component (which may call its owner’s workflows)', async ({
    assert,
  }) => {
    const { tenant: owner, user: ownerUser } = await createTenantWithUser('admin')
    const { tenant: grantee, user: granteeUser } = await createTenantWithUser('builder')
    // Owner: the shared component calls one of the owner's own (unshared) workflows.
    const leaf = await publishedWorkflow(
      owner.id,
      ownerUser.id,
      chain(node('start', 'manual'), node('done', 'return', { values: { ok: 'yes' } })),
      'Owner leaf'
    )
    const component = await publishedWorkflow(
      owner.id,
      ownerUser.id,
      chain(
        node('start', 'manual'),
        node('call', 'sub_workflow', { workflowId: leaf.id, mode: 'sync', parameters: {} })
      ),
      'Shared component'
    )
    await shareWith(component, ownerUser, grantee)

    // Within the limit: grantee → component → owner's leaf works (2 levels).
    const shallow = await publishedWorkflow(
      grantee.id,
      granteeUser.id,
      chain(
        node('start', 'manual'),
        node('call', 'sub_workflow', {
          workflowId: component.id,
          ownerTenantId: owner.id,
          mode: 'sync',
          parameters: {},
        })
      ),
      'Shallow'
    )
    worker = await startWorker()
    const ok = await waitForStatus(await runManually(shallow, {}), ['succeeded', 'failed'])
    assert.equal(ok.status, 'succeeded', JSON.stringify(ok.error))

    // Grantee chain of MAX_CALL_DEPTH workflows (MAX_CALL_DEPTH - 1 own calls), then the shared
    // component (call MAX_CALL_DEPTH), then its leaf:
    // the leaf would be level MAX_CALL_DEPTH + 1.
    let next = component
    let nextOwner: number | null = owner.id
    for (let level = MAX_CALL_DEPTH - 1; level >= 0; level--) {
      next = await publishedWorkflow(
        grantee.id,
        granteeUser.id,
        chain(
          node('start', 'manual'),
          node('call', 'sub_workflow', {
            workflowId: next.id,
            ownerTenantId: nextOwner,
            mode: 'sync',
            parameters: {},
          })
        ),
        `Level ${level}`
      )
      nextOwner = null
    }
    const id = await runManually(next, {})
    const failed = await waitForStatus(id, ['succeeded', 'failed'], 30_000)
    assert.equal(failed.status, 'failed')
    assert.equal((failed.error as any).category, 'validation')
    assert.include((failed.error as any).message, 'depth limit reached')
    const deepest = await db
      .from('subworkflow_calls')
      .where('tenant_id', grantee.id)
      .max('depth as depth')
      .first()
    assert.equal(Number(deepest.depth), MAX_CALL_DEPTH)
  })
})
