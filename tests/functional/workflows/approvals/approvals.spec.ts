import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { publishedWorkflow, waitForStatus } from '#tests/helpers/workflows'
import {
  approvalGraph,
  waitingRequest,
  postDecision,
  withApprovalWorker,
} from '#tests/helpers/approvals'
import { runManually } from '#workflows/services/execution_service'
import ExecutionStep from '#workflows/models/execution_step'

/** manual → approval → approved: set {result: yes} / rejected: {result: no} / timed_out: {result: late} */
const graph = (config: Record<string, unknown>) =>
  approvalGraph({ title: 'Approve {{trigger.item}}', ...config })

async function statusOf(requestId: number) {
  const row = await db.from('approval_requests').where('id', requestId).first()
  return row.status
}

test.group('Approval node and decisions', (group) => {
  withApprovalWorker(group)

  test('a run pauses at the approval; approving resumes it on the approved port', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const approver = await addMember(tenant, 'approver')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      graph({ approvers: { roles: ['approver'] } })
    )
    const id = await runManually(workflow, { item: 'laptop' })
    const request = await waitingRequest(id)
    assert.equal(request.title, 'Approve laptop')
    assert.deepEqual(request.eligible_user_ids.map(Number), [approver.id])
    const notification = await db.from('notifications').where('user_id', approver.id).first()
    assert.equal(notification.title, 'Approval needed: Approve laptop')

    const inbox = await client.get('/api/v1/approvals').loginAs(approver)
    inbox.assertStatus(200)
    assert.deepEqual(
      inbox.body().data.map((r: any) => [r.id, r.canDecide, r.workflow.id]),
      [[Number(request.id), true, workflow.id]]
    )

    const response = await postDecision(client, request.id, approver, {
      decision: 'approved',
      comment: 'fine',
    })
    response.assertStatus(200)
    assert.equal(response.body().data.status, 'approved')

    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.equal(done.status, 'succeeded')
    assert.deepEqual(done.output, { result: 'yes' })
    const ask = await ExecutionStep.query()
      .where({ execution_id: id, node_id: 'ask' })
      .firstOrFail()
    assert.equal(ask.port, 'approved')
    assert.equal((ask.output as any).comment, 'fine')
    assert.equal((ask.output as any).decisions[0].userId, approver.id)
    const skipped = await ExecutionStep.query().where({ execution_id: id, node_id: 'no' }).first()
    assert.equal(skipped?.status ?? 'skipped', 'skipped')

    const history = await client.get('/api/v1/approvals/history').loginAs(approver)
    assert.equal(history.body().data[0].decisions[0].comment, 'fine')
    const empty = await client.get('/api/v1/approvals').loginAs(approver)
    assert.lengthOf(empty.body().data, 0)
  })

  test('rejecting takes the rejected port; a form is validated and reaches the output', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      graph({
        approvers: { userIds: [user.id] },
        form: [{ key: 'amount', label: 'Amount', type: 'number', required: true }],
      })
    )
    const id = await runManually(workflow, { item: 'car' })
    const request = await waitingRequest(id)
    const invalid = await postDecision(client, request.id, user, {
      decision: 'approved',
      formData: { amount: 'lots' },
    })
    invalid.assertStatus(422)
    assert.equal(invalid.body().errors[0].field, 'formData.amount')

    const rejected = await postDecision(client, request.id, user, {
      decision: 'rejected',
      comment: 'too expensive',
    })
    rejected.assertStatus(200)
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'no' })
  })

  test('double and concurrent decisions count once; a changed mind is refused', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const a = await addMember(tenant, 'approver')
    const b = await addMember(tenant, 'approver')
    const c = await addMember(tenant, 'approver')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      graph({ approvers: { userIds: [a.id, b.id, c.id] }, mode: 'quorum', quorum: 2 })
    )
    const id = await runManually(workflow, { item: 'server' })
    const request = await waitingRequest(id)
    const post = (who: typeof a, decision: string) =>
      postDecision(client, request.id, who, { decision })

    const clicks = await Promise.all([
      post(a, 'approved'),
      post(a, 'approved'),
      post(a, 'approved'),
    ])
    for (const click of clicks) click.assertStatus(200)
    assert.equal(clicks.filter((r) => r.body().data.duplicate).length, 2)
    const rows = await db.from('approval_decisions').where('request_id', request.id)
    assert.lengthOf(rows, 1)
    assert.equal(await statusOf(request.id), 'pending')

    const changed = await post(a, 'rejected')
    changed.assertStatus(409)

    // b and c decide at the same moment: the quorum is reached once, the run resumes once.
    const [rb, rc] = await Promise.all([post(b, 'approved'), post(c, 'approved')])
    const statuses = [rb.status(), rc.status()].sort()
    assert.includeMembers(
      [
        [200, 200],
        [200, 409],
      ].map(String),
      [String(statuses)]
    )
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'yes' })
    const yes = await ExecutionStep.query().where({ execution_id: id, node_id: 'yes' })
    assert.lengthOf(yes, 1)
  })

  test('an ineligible member gets 403, another tenant 404, a viewer of another tenant cannot list it', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const approver = await addMember(tenant, 'approver')
    const bystander = await addMember(tenant, 'builder')
    const other = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      graph({ approvers: { userIds: [approver.id] } })
    )
    const id = await runManually(workflow, { item: 'desk' })
    const request = await waitingRequest(id)

    const forbidden = await postDecision(client, request.id, bystander, { decision: 'approved' })
    forbidden.assertStatus(403)
    const foreign = await postDecision(client, request.id, other.user, { decision: 'approved' })
    foreign.assertStatus(404)
    const foreignShow = await client.get(`/api/v1/approvals/${request.id}`).loginAs(other.user)
    foreignShow.assertStatus(404)
    const bystanderInbox = await client.get('/api/v1/approvals').loginAs(bystander)
    assert.lengthOf(bystanderInbox.body().data, 0)
    assert.lengthOf(await db.from('approval_decisions'), 0)
    const execution = await db.from('executions').where('id', id).first()
    assert.equal(execution.status, 'waiting')
  })

  test('an overdue approval takes the timed_out port (delayed job at the due date)', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      graph({ approvers: { userIds: [user.id] }, dueAt: '{{trigger.dueAt}}' })
    )
    const dueAt = new Date(Date.now() + 1500).toISOString()
    const id = await runManually(workflow, { item: 'chair', dueAt })
    const request = await waitingRequest(id)
    assert.equal(new Date(request.due_at).toISOString(), dueAt)
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'late' })
    const closed = await db.from('approval_requests').where('id', request.id).first()
    assert.equal(closed.status, 'timed_out')
  })

  test('delegation hands the decision to another member; bulk decide reports each request', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const approver = await addMember(tenant, 'approver')
    const delegate = await addMember(tenant, 'viewer')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      graph({ approvers: { userIds: [approver.id] } })
    )
    const first = await runManually(workflow, { item: 'one' })
    const second = await runManually(workflow, { item: 'two' })
    const r1 = await waitingRequest(first)
    const r2 = await waitingRequest(second)

    const delegated = await postDecision(client, r1.id, approver, {
      decision: 'delegated',
      delegateUserId: delegate.id,
    })
    delegated.assertStatus(200)
    const inbox = await client.get('/api/v1/approvals').loginAs(delegate)
    assert.deepEqual(
      inbox.body().data.map((r: any) => r.id),
      [Number(r1.id)]
    )

    const bulk = await client
      .post('/api/v1/approvals/bulk')
      .json({ ids: [Number(r1.id), Number(r2.id)], decision: 'approved' })
      .withCsrfToken()
      .loginAs(approver)
    bulk.assertStatus(200)
    assert.deepEqual(
      bulk.body().data.map((r: any) => [r.id, r.ok]),
      [
        [Number(r1.id), false],
        [Number(r2.id), true],
      ]
    )
    const byDelegate = await postDecision(client, r1.id, delegate, { decision: 'approved' })
    byDelegate.assertStatus(200)
    const firstDone = await waitForStatus(first, ['succeeded', 'failed'])
    assert.deepEqual(firstDone.output, {
      result: 'yes',
    })
    const secondDone = await waitForStatus(second, ['succeeded', 'failed'])
    assert.deepEqual(secondDone.output, {
      result: 'yes',
    })
  })

  test('a cancelled run closes its request: shown as cancelled, a decision is refused', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      graph({ approvers: { userIds: [user.id] } })
    )
    const id = await runManually(workflow, { item: 'boat' })
    const request = await waitingRequest(id)
    const cancelled = await client
      .post(`/api/v1/executions/${id}/cancel`)
      .json({})
      .withCsrfToken()
      .loginAs(user)
    cancelled.assertStatus(200)
    const inbox = await client.get('/api/v1/approvals').loginAs(user)
    assert.lengthOf(inbox.body().data, 0)
    const shown = await client.get(`/api/v1/approvals/${request.id}`).loginAs(user)
    assert.equal(shown.body().data.status, 'cancelled')
    assert.isFalse(shown.body().data.canDecide)
    const refused = await postDecision(client, request.id, user, { decision: 'approved' })
    refused.assertStatus(409)
  })
})
