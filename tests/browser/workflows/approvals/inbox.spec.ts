import { test } from '@japa/runner'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { baseUrl, subscribed, workflowBrowserGroup } from '#tests/helpers/browser'
import { publishedWorkflow, waitForStatus } from '#tests/helpers/workflows'
import {
  approvalGraph,
  openInbox,
  waitingRequest,
  withApprovalWorker,
} from '#tests/helpers/approvals'
import { runManually } from '#workflows/services/execution_service'
import { signDecisionLink } from '#workflows/approvals/signed_links'

test.group('Approval inbox | browser', (group) => {
  const { browser } = workflowBrowserGroup(group)
  withApprovalWorker(group)

  test('a request appears live in the inbox; approving it continues the execution live', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const approver = await addMember(tenant, 'approver')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      approvalGraph(
        { title: 'Approve purchase of {{trigger.item}}', approvers: { userIds: [approver.id] } },
        { approved: 'approved' }
      )
    )

    const context = await browser().newContext()
    const inbox = await openInbox(context, approver, tenant.id)

    const id = await runManually(workflow, { item: 'a laptop' })
    await waitForStatus(id, ['waiting'])
    const card = inbox.locator('article.approval-card', { hasText: 'Approve purchase of a laptop' })
    await card.waitFor()

    // The execution page, open in another tab, follows the run live.
    const monitor = await context.newPage()
    const following = subscribed(monitor, `workflows/executions/${id}`)
    await monitor.goto(`${baseUrl()}/executions/${id}`)
    await following
    const status = monitor.getByTestId('execution-status')
    await status.getByText('waiting').waitFor()

    await card.getByPlaceholder('Comment (optional)').fill('Go ahead')
    await card.getByRole('button', { name: 'Approve' }).click()
    await inbox.getByText('Approved: Approve purchase of a laptop').waitFor()
    await card.waitFor({ state: 'hidden' }) // gone from Pending (it is in the hidden History tab)

    await status.getByText('succeeded').waitFor()
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'approved' })

    await inbox.getByRole('tab', { name: 'My decisions' }).click()
    await inbox.getByText('“Go ahead”').waitFor()
    await context.close()
  })

  test('a signed e-mail link opens a confirmation page that decides once', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      approvalGraph(
        { title: 'Approve by mail', approvers: { userIds: [user.id] } },
        { rejected: 'rejected' }
      )
    )
    const id = await runManually(workflow, {})
    const request = await waitingRequest(id)
    const token = signDecisionLink({
      requestId: Number(request.id),
      userId: user.id,
      decision: 'rejected',
      expiresAt: Date.now() + 600_000,
    })

    // Not signed in: the link alone identifies the approver.
    const context = await browser().newContext()
    const page = await context.newPage()
    await page.goto(`${baseUrl()}/approvals/decide/${token}`)
    await page.getByText('Approve by mail').first().waitFor()
    await page.getByPlaceholder('Comment (optional)').fill('Not now')
    await page.getByRole('button', { name: 'Confirm rejection' }).click()
    await page.getByText('Your decision (rejected) is recorded').waitFor()
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'rejected' })

    await page.goto(`${baseUrl()}/approvals/decide/${token}`)
    await page.getByText('This request is already rejected').waitFor()
    await context.close()
  })
})
