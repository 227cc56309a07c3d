import { test } from '@japa/runner'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { workflowBrowserGroup } from '#tests/helpers/browser'
import { publishedWorkflow, waitForStatus } from '#tests/helpers/workflows'
import {
  approvalGraph,
  openInbox,
  passDueDate,
  waitingRequest,
  withApprovalWorker,
} from '#tests/helpers/approvals'
import { runManually } from '#workflows/services/execution_service'

test.group('Approval reassignment | browser', (group) => {
  const { browser } = workflowBrowserGroup(group)
  withApprovalWorker(group)

  test('a reassigned request appears live for the new approver, with who it came from; the old approver sees it was taken over', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const clerk = await addMember(tenant, 'approver')
    const boss = await addMember(tenant, 'admin')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      approvalGraph(
        {
          title: 'Approve travel budget',
          approvers: { userIds: [clerk.id] },
          dueIn: '1h',
          onTimeout: 'reassign',
          escalateTo: { userIds: [boss.id] },
        },
        { approved: 'approved' }
      )
    )
    const id = await runManually(workflow, {})
    const request = await waitingRequest(id)

    const bossContext = await browser().newContext()
    const inbox = await openInbox(bossContext, boss, tenant.id)

    await passDueDate(id, Number(request.id))

    const card = inbox.locator('article.approval-card', { hasText: 'Approve travel budget' })
    await card.waitFor()
    await card.getByText(`Reassigned from ${clerk.fullName} to ${boss.fullName}`).waitFor()
    await card.getByText(/Not decided by the due date/).waitFor()

    const clerkContext = await browser().newContext()
    const clerkPage = await openInbox(clerkContext, clerk, tenant.id)
    await clerkPage.getByRole('tab', { name: 'My decisions' }).click()
    const taken = clerkPage.locator('article.approval-card', { hasText: 'Approve travel budget' })
    await taken.getByText('Reassigned to other approvers').waitFor()
    assert.equal(await taken.getByRole('button', { name: 'Approve' }).count(), 0)

    await card.getByRole('button', { name: 'Approve' }).click()
    await inbox.getByText('Approved: Approve travel budget').waitFor()
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'approved' })
    await clerkContext.close()
    await bossContext.close()
  })
})
