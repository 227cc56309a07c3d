import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { eventually, publishedWorkflow, waitForStatus } from '#tests/helpers/workflows'
import {
  approvalGraph,
  passReminderTime,
  waitingRequest,
  withApprovalWorker,
} from '#tests/helpers/approvals'
import { runManually } from '#workflows/services/execution_service'
import { decide } from '#workflows/approvals/decisions'

const graph = (config: Record<string, unknown>) =>
  approvalGraph({ title: 'Approve', dueAt: '{{trigger.dueAt}}', ...config })

const soon = () => new Date(Date.now() + 1200).toISOString()

test.group('Approval due dates: auto-decide and escalation', (group) => {
  withApprovalWorker(group)

  test('an overdue request with "approve automatically" takes the approved port', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      graph({ approvers: { userIds: [user.id] }, onTimeout: 'approve' })
    )
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
    const id = await runManually(workflow, {})
    const request = await waitingRequest(id)
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
    await passReminderTime(id, Number(request.id))

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
