import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import {
  closeWorkflowConnections,
  edge,
  eventually,
  node,
  publishedWorkflow,
  resetWorkflowState,
  startWorker,
  waitForStatus,
} from '#tests/helpers/workflows'
import { runManually } from '#workflows/services/execution_service'
import { decide } from '#workflows/approvals/decisions'
import { wakeExecution } from '#workflows/waits/event_waits'
import type { WorkflowWorker } from '#workflows/runtime/worker'

function graph(config: Record<string, unknown>) {
  return {
    nodes: [
      node('start', 'manual'),
      node('ask', 'approval', { title: 'Approve', dueAt: '{{trigger.dueAt}}', ...config }),
      node('yes', 'set_variables', { variables: { result: 'yes' } }),
      node('no', 'set_variables', { variables: { result: 'no' } }),
      node('late', 'set_variables', { variables: { result: 'late' } }),
    ],
    edges: [
      edge('start', 'out', 'ask'),
      edge('ask', 'approved', 'yes'),
      edge('ask', 'rejected', 'no'),
      edge('ask', 'timed_out', 'late'),
    ],
    variables: {},
  }
}

const soon = () => new Date(Date.now() + 1200).toISOString()

test.group('Approval due dates: auto-decide and escalation', (group) => {
  let worker: WorkflowWorker | null = null
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    return async () => {
      await worker?.stop()
      worker = null
    }
  })

  test('an overdue request with "approve automatically" takes the approved port', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      graph({ approvers: { userIds: [user.id] }, onTimeout: 'approve' })
    )
    worker = await startWorker()
    const id = await runManually(workflow, { dueAt: soon() })
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'yes' })
    const request = await db.from('approval_requests').where('execution_id', id).first()
    assert.equal(request.status, 'approved')
    assert.isTrue(request.context.autoDecided)
  })

  test('an overdue request escalates once to other approvers, who can then decide', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const approver = await addMember(tenant, 'approver')
    const boss = await addMember(tenant, 'admin')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      graph({
        approvers: { userIds: [approver.id] },
        onTimeout: 'escalate',
        escalateTo: { roles: ['admin'] },
        escalateDueIn: '1h',
      })
    )
    worker = await startWorker()
    const id = await runManually(workflow, { dueAt: soon() })
    const escalated = await eventually(
      () =>
        db
          .from('approval_requests')
          .where('execution_id', id)
          .whereRaw(`context @> '{"escalated": true}'::jsonb`)
          .first(),
      'the escalation'
    )
    assert.sameMembers(escalated.eligible_user_ids.map(Number), [approver.id, boss.id])
    assert.isAbove(new Date(escalated.due_at).getTime(), Date.now() + 3_000_000)
    const waiting = await waitForStatus(id, ['waiting'])
    assert.equal(waiting.status, 'waiting')
    const note = await db.from('notifications').where('user_id', boss.id).first()
    assert.equal(note.title, 'Escalated approval: Approve')

    await decide({
      tenantId: tenant.id,
      requestId: Number(escalated.id),
      userId: boss.id,
      decision: 'rejected',
    })
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'no' })
  })

  test('reminders notify undecided approvers while the request is pending', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const a = await addMember(tenant, 'approver')
    const b = await addMember(tenant, 'approver')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      graph({ approvers: { userIds: [a.id, b.id] }, mode: 'all', remindEvery: '1h', dueAt: '' })
    )
    worker = await startWorker()
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['waiting'])
    const request = await eventually(
      () => db.from('approval_requests').where('execution_id', id).first(),
      'the request'
    )
    const planned = Number(request.context.nextReminderAt)
    assert.closeTo(planned, Date.now() + 3_600_000, 60_000)
    const wait = await db.from('execution_waits').where('execution_id', id).first()
    assert.equal(new Date(wait.resume_at).getTime(), planned)

    await decide({
      tenantId: tenant.id,
      requestId: Number(request.id),
      userId: a.id,
      decision: 'approved',
    })
    // Fake clock: the reminder time has come (the delayed job would wake the run now).
    await db
      .from('approval_requests')
      .where('id', request.id)
      .update({ context: JSON.stringify({ ...request.context, nextReminderAt: Date.now() - 1 }) })
    await db.from('execution_waits').where('execution_id', id).update({ resume_at: new Date() })
    await wakeExecution(id, 'test-reminder')

    const reminder = await eventually(
      () =>
        db
          .from('notifications')
          .where('user_id', b.id)
          .where('title', 'Reminder: approval needed: Approve')
          .first(),
      'the reminder'
    )
    assert.exists(reminder)
    const toA = await db
      .from('notifications')
      .where('user_id', a.id)
      .where('title', 'like', 'Reminder%')
    assert.lengthOf(toA, 0)
    const after = await eventually(async () => {
      const row = await db.from('approval_requests').where('id', request.id).first()
      return Number(row.context.reminders) === 1 ? row : null
    }, 'the next reminder plan')
    assert.isAbove(Number(after.context.nextReminderAt), Date.now() + 3_000_000)
    const execution = await waitForStatus(id, ['waiting'])
    assert.equal(execution.status, 'waiting')
  })
})
