import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { inertiaPage } from '#tests/helpers/inertia'
import { edge, eventually, node, publishedWorkflow, waitForStatus } from '#tests/helpers/workflows'
import {
  approvalGraph,
  catchApprovalMail,
  passDueDate,
  passReminderTime,
  postDecision,
  waitingRequest,
  withApprovalWorker,
} from '#tests/helpers/approvals'
import { runManually } from '#workflows/services/execution_service'
import { decide } from '#workflows/approvals/decisions'

/**
 * Escalation by reassignment: at the due date the undecided approvers lose the request to other
 * approvers (users, roles or an expression such as the deal owner's manager), who are notified;
 * an optional second due date then times out or auto-decides. The clock is faked by moving the
 * due date into the past and waking the run, as the delayed job would.
 */
const graph = (config: Record<string, unknown>) =>
  approvalGraph({ title: 'Approve', dueIn: '1h', onTimeout: 'reassign', ...config })

async function escalationOf(requestId: number) {
  return eventually(
    () => db.from('approval_escalations').where('request_id', requestId).first(),
    'the escalation'
  )
}

const idsOf = (values: Array<string | number>) => values.map(Number)

test.group('Approval escalation by reassignment', (group) => {
  const catcher = catchApprovalMail(group)
  withApprovalWorker(group)

  test('at the due date the request moves to the new approver; the original one is refused', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const clerk = await addMember(tenant, 'approver')
    const boss = await addMember(tenant, 'admin')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      graph({ approvers: { userIds: [clerk.id] }, escalateTo: { userIds: [boss.id] } })
    )
    const id = await runManually(workflow, {})
    const request = await waitingRequest(id)
    assert.deepEqual(idsOf(request.eligible_user_ids), [clerk.id])

    await passDueDate(id, Number(request.id))
    const escalation = await escalationOf(Number(request.id))
    assert.equal(escalation.kind, 'reassigned')
    assert.deepEqual(idsOf(escalation.from_user_ids), [clerk.id])
    assert.deepEqual(idsOf(escalation.to_user_ids), [boss.id])
    assert.match(escalation.reason, /Not decided by the due date/)
    const moved = await db.from('approval_requests').where('id', request.id).first()
    assert.equal(moved.status, 'pending')
    assert.deepEqual(idsOf(moved.eligible_user_ids), [boss.id])
    // No second due date configured: the new approver has no deadline.
    assert.isNull(moved.due_at)
    const stillWaiting = await waitForStatus(id, ['waiting'])
    assert.equal(stillWaiting.status, 'waiting')

    // Notifications: the new approver in-app and by e-mail (signed links), the old one told.
    const toBoss = await db.from('notifications').where('user_id', boss.id)
    assert.deepEqual(
      toBoss.map((n: any) => n.title),
      ['Approval reassigned to you: Approve']
    )
    const toClerk = await db.from('notifications').where('user_id', clerk.id).orderBy('id')
    assert.deepEqual(
      toClerk.map((n: any) => n.title),
      ['Approval needed: Approve', 'Approval reassigned: Approve']
    )
    const message = await catcher.message('Approval reassigned to you: Approve')
    assert.equal((message.to as any).value[0].address, boss.email)
    assert.match(String(message.text), /Approve: http\S+\/approvals\/decide\//)

    // The original approver can no longer decide: a clear 403.
    const refused = await postDecision(client, request.id, clerk, { decision: 'approved' })
    refused.assertStatus(403)
    assert.equal(refused.body().errors[0].code, 'E_REASSIGNED')
    assert.match(refused.body().message, /reassigned to .+; you can no longer decide it/)
    // So is the signed link from the e-mail the original approver got before.
    const original = catcher.received.find((m) => m.subject === 'Approval needed: Approve')!
    assert.equal((original.to as any).value[0].address, clerk.email)
    const oldLink = new URL(String(original.text).match(/Approve: (\S+)/)![1]).pathname
    const viaLink = await client.post(oldLink).form({}).withCsrfToken()
    viaLink.assertStatus(403)
    assert.match(inertiaPage(viaLink).props.error, /reassigned to/)
    assert.lengthOf(await db.from('approval_decisions'), 0)
    const clerkInbox = await client.get('/api/v1/approvals').loginAs(clerk)
    assert.lengthOf(clerkInbox.body().data, 0)
    // …but sees in their history that it was taken over, and by whom.
    const clerkHistory = await client.get('/api/v1/approvals/history').loginAs(clerk)
    const [item] = clerkHistory.body().data
    assert.equal(item.id, Number(request.id))
    assert.isTrue(item.reassignedFromMe)
    assert.isFalse(item.canDecide)
    assert.equal(item.escalations[0].kind, 'reassigned')
    assert.include(item.escalations[0].to, boss.fullName ?? boss.email)

    const bossInbox = await client.get('/api/v1/approvals').loginAs(boss)
    assert.isTrue(bossInbox.body().data[0].canDecide)
    const decided = await postDecision(client, request.id, boss, {
      decision: 'rejected',
      comment: 'not this quarter',
    })
    decided.assertStatus(200)
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'no' })
    const step = await db
      .from('execution_steps')
      .where({ execution_id: id, node_id: 'ask' })
      .first()
    assert.deepEqual(step.output.escalations[0].toUserIds, [boss.id])
  })

  test("an expression names the deal owner's manager; decisions cast before still count for the quorum", async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const a = await addMember(tenant, 'approver')
    const b = await addMember(tenant, 'approver')
    const c = await addMember(tenant, 'approver')
    const manager = await addMember(tenant, 'builder')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      graph({
        approvers: { userIds: [a.id, b.id, c.id] },
        mode: 'quorum',
        quorum: 2,
        escalateExpression: '{{trigger.entity.owner.managerId}}',
      })
    )
    const id = await runManually(workflow, {
      entity: { id: 7, owner: { id: a.id, managerId: manager.id } },
    })
    const request = await waitingRequest(id)
    await decide({
      tenantId: tenant.id,
      requestId: Number(request.id),
      userId: a.id,
      decision: 'approved',
    })

    await passDueDate(id, Number(request.id))
    const escalation = await escalationOf(Number(request.id))
    assert.sameMembers(idsOf(escalation.from_user_ids), [b.id, c.id])
    assert.deepEqual(idsOf(escalation.to_user_ids), [manager.id])
    const moved = await db.from('approval_requests').where('id', request.id).first()
    // a approved before the due date: that vote stays, next to the manager's.
    assert.sameMembers(idsOf(moved.eligible_user_ids), [a.id, manager.id])
    assert.equal(moved.status, 'pending')

    await assert.rejects(
      () =>
        decide({
          tenantId: tenant.id,
          requestId: Number(request.id),
          userId: b.id,
          decision: 'rejected',
        }),
      /reassigned to/
    )
    const result = await decide({
      tenantId: tenant.id,
      requestId: Number(request.id),
      userId: manager.id,
      decision: 'approved',
    })
    assert.equal(result.status, 'approved')
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'yes' })
  })

  test('a second due date after the reassignment auto-decides; reminders go to the new approver only', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const clerk = await addMember(tenant, 'approver')
    const boss = await addMember(tenant, 'admin')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      graph({
        approvers: { userIds: [clerk.id] },
        escalateTo: { roles: ['admin'] },
        escalateDueIn: '2h',
        afterEscalation: 'reject',
        remindEvery: '30m',
      })
    )
    const id = await runManually(workflow, {})
    const request = await waitingRequest(id)
    await passDueDate(id, Number(request.id))
    await escalationOf(Number(request.id))
    const moved = await db.from('approval_requests').where('id', request.id).first()
    assert.deepEqual(idsOf(moved.eligible_user_ids), [boss.id])
    assert.closeTo(new Date(moved.due_at).getTime(), Date.now() + 7_200_000, 60_000)
    // Reminders start over for the new approver, one interval after the reassignment.
    assert.closeTo(Number(moved.context.nextReminderAt), Date.now() + 1_800_000, 60_000)

    await passReminderTime(id, Number(request.id))
    await eventually(
      () =>
        db
          .from('notifications')
          .where({ user_id: boss.id, title: 'Reminder: approval needed: Approve' })
          .first(),
      'the reminder to the new approver'
    )
    const reminderMail = await catcher.message('Reminder: approval needed: Approve')
    assert.equal((reminderMail.to as any).value[0].address, boss.email)
    const toClerk = await db
      .from('notifications')
      .where('user_id', clerk.id)
      .where('title', 'like', 'Reminder%')
    assert.lengthOf(toClerk, 0)
    await eventually(async () => {
      const row = await db.from('approval_requests').where('id', request.id).first()
      return Number(row.context.reminders) === 1 ? row : null
    }, 'the reminder bookkeeping')
    await waitForStatus(id, ['waiting'])

    // Nobody decided by the second due date: rejected automatically, once.
    await passDueDate(id, Number(request.id))
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'no' })
    const closed = await db.from('approval_requests').where('id', request.id).first()
    assert.equal(closed.status, 'rejected')
    assert.isTrue(closed.context.autoDecided)
    assert.lengthOf(await db.from('approval_escalations').where('request_id', request.id), 1)
  })

  test('each level of a two-level chain reassigns on its own due date', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const lead = await addMember(tenant, 'approver')
    const director = await addMember(tenant, 'builder')
    const finance = await addMember(tenant, 'approver')
    const cfo = await addMember(tenant, 'admin')
    const workflow = await publishedWorkflow(tenant.id, user.id, {
      nodes: [
        node('start', 'manual'),
        node('level1', 'approval', {
          title: 'Level 1',
          approvers: { userIds: [lead.id] },
          dueIn: '1d',
          onTimeout: 'reassign',
          escalateTo: { userIds: [director.id] },
        }),
        node('level2', 'approval', {
          title: 'Level 2',
          approvers: { userIds: [finance.id] },
          dueIn: '1d',
          onTimeout: 'reassign',
          escalateExpression: '{{trigger.cfoEmail}}',
          escalateDueIn: '1d',
        }),
        node('paid', 'set_variables', { variables: { result: 'paid' } }),
        node('refused', 'set_variables', { variables: { result: 'refused' } }),
      ],
      edges: [
        edge('start', 'out', 'level1'),
        edge('level1', 'approved', 'level2'),
        edge('level1', 'rejected', 'refused'),
        edge('level2', 'approved', 'paid'),
        edge('level2', 'rejected', 'refused'),
      ],
      variables: {},
    })
    const id = await runManually(workflow, { cfoEmail: cfo.email.toUpperCase() })

    const first = await waitingRequest(id, 'level1')
    await passDueDate(id, Number(first.id))
    await escalationOf(Number(first.id))
    await decide({
      tenantId: tenant.id,
      requestId: Number(first.id),
      userId: director.id,
      decision: 'approved',
    })

    const second = await waitingRequest(id, 'level2')
    assert.deepEqual(idsOf(second.eligible_user_ids), [finance.id])
    await passDueDate(id, Number(second.id))
    const escalation = await escalationOf(Number(second.id))
    assert.deepEqual(idsOf(escalation.from_user_ids), [finance.id])
    assert.deepEqual(idsOf(escalation.to_user_ids), [cfo.id])
    await decide({
      tenantId: tenant.id,
      requestId: Number(second.id),
      userId: cfo.id,
      decision: 'approved',
    })
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'paid' })
  })
})
