import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { inertiaPage } from '#tests/helpers/inertia'
import { publishedWorkflow, waitForStatus } from '#tests/helpers/workflows'
import {
  approvalGraph,
  catchApprovalMail,
  waitingRequest,
  withApprovalWorker,
} from '#tests/helpers/approvals'
import { runManually } from '#workflows/services/execution_service'
import { signDecisionLink } from '#workflows/approvals/signed_links'

const graph = (approverId: number) =>
  approvalGraph(
    { title: 'Approve trip', approvers: { userIds: [approverId] } },
    { approved: 'yes', rejected: 'no' }
  )

test.group('Approval e-mails and signed one-time links', (group) => {
  const catcher = catchApprovalMail(group)
  withApprovalWorker(group)

  test('the approver is e-mailed a signed link; it decides once and resumes the run', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const approver = await addMember(tenant, 'approver')
    const workflow = await publishedWorkflow(tenant.id, user.id, graph(approver.id))
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['waiting'])
    const message = await catcher.message('Approval needed: Approve trip')
    assert.equal((message.to as any).value[0].address, approver.email)
    const approveUrl = String(message.text).match(/Approve: (\S+)/)![1]
    const path = new URL(approveUrl).pathname

    // Opening the link (a GET, as mail scanners do) only shows the confirmation.
    const shown = await client.get(path)
    shown.assertStatus(200)
    const page = inertiaPage(shown)
    assert.equal(page.component, 'approvals/decide')
    assert.equal(page.props.decision, 'approved')
    assert.lengthOf(await db.from('approval_decisions'), 0)

    const confirmed = await client.post(path).form({ comment: 'ok by mail' }).withCsrfToken()
    confirmed.assertStatus(200)
    assert.equal(inertiaPage(confirmed).props.done, 'recorded')
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'yes' })
    const [decision] = await db.from('approval_decisions')
    assert.equal(decision.via, 'email')
    assert.equal(decision.comment, 'ok by mail')

    const again = await client.post(path).form({}).withCsrfToken()
    assert.equal(inertiaPage(again).props.done, 'already')
    assert.lengthOf(await db.from('approval_decisions'), 1)
  })

  test('tampered and expired links are refused', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const approver = await addMember(tenant, 'approver')
    const workflow = await publishedWorkflow(tenant.id, user.id, graph(approver.id))
    const id = await runManually(workflow, {})
    const request = await waitingRequest(id)
    const good = signDecisionLink({
      requestId: Number(request.id),
      userId: approver.id,
      decision: 'rejected',
      expiresAt: Date.now() + 60_000,
    })
    // Swap the decision in the body but keep the signature: refused.
    const [body, signature] = good.split('.')
    const forgedBody = Buffer.from(
      Buffer.from(body, 'base64url').toString().replace('rejected', 'approved')
    ).toString('base64url')
    const forged = await client.post(`/approvals/decide/${forgedBody}.${signature}`).withCsrfToken()
    forged.assertStatus(403)
    const expired = signDecisionLink({
      requestId: Number(request.id),
      userId: approver.id,
      decision: 'approved',
      expiresAt: Date.now() - 1000,
    })
    const late = await client.post(`/approvals/decide/${expired}`).withCsrfToken()
    late.assertStatus(410)
    assert.lengthOf(await db.from('approval_decisions'), 0)
    const execution = await db.from('executions').where('id', id).first()
    assert.equal(execution.status, 'waiting')
  })
})
