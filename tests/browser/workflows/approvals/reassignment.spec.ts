import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright'
import db from '@adonisjs/lucid/services/db'
import { waitForDispatches } from '#core/events/outbox'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { launchBrowser, baseUrl, signIn } from '#tests/helpers/browser'
import {
  edge,
  eventually,
  node,
  publishedWorkflow,
  resetWorkflowState,
  startWorker,
  waitForStatus,
} from '#tests/helpers/workflows'
import { runManually } from '#workflows/services/execution_service'
import { closeProducers } from '#workflows/runtime/queue'
import { pendingApprovalEmails } from '#workflows/approvals/approval_mail'
import { wakeExecution } from '#workflows/waits/event_waits'
import type { WorkflowWorker } from '#workflows/runtime/worker'

/** Resolves once the page subscribed to `channel` over Transmit (messages before are lost). */
function subscribed(page: Page, channel: string) {
  return page.waitForResponse(
    (response) =>
      response.url().includes('/__transmit/subscribe') &&
      (response.request().postData() ?? '').includes(channel) &&
      response.ok()
  )
}

test.group('Approval reassignment | browser', (group) => {
  let browser: Browser
  let worker: WorkflowWorker | null = null
  group.setup(async () => {
    browser = await launchBrowser()
    return async () => {
      await browser.close()
      await closeProducers()
    }
  })
  group.each.setup(async () => {
    await resetWorkflowState()
    return async () => {
      await Promise.allSettled([...pendingApprovalEmails])
      await worker?.stop()
      worker = null
      await waitForDispatches()
    }
  })

  test('a reassigned request appears live for the new approver, with who it came from; the old approver sees it was taken over', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const clerk = await addMember(tenant, 'approver')
    const boss = await addMember(tenant, 'admin')
    const workflow = await publishedWorkflow(tenant.id, user.id, {
      nodes: [
        node('start', 'manual'),
        node('ask', 'approval', {
          title: 'Approve travel budget',
          approvers: { userIds: [clerk.id] },
          dueIn: '1h',
          onTimeout: 'reassign',
          escalateTo: { userIds: [boss.id] },
        }),
        node('yes', 'set_variables', { variables: { result: 'approved' } }),
      ],
      edges: [edge('start', 'out', 'ask'), edge('ask', 'approved', 'yes')],
      variables: {},
    })
    worker = await startWorker()
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['waiting'])
    const request = await eventually(
      () => db.from('approval_requests').where('execution_id', id).first(),
      'the request'
    )

    const bossContext = await browser.newContext()
    const inbox = await bossContext.newPage()
    await signIn(inbox, boss.email)
    const listening = subscribed(inbox, `tenants/${tenant.id}/approvals`)
    await inbox.goto(`${baseUrl()}/approvals`)
    await listening
    await inbox.getByText('Nothing waits for you').waitFor()

    // Fake clock: the due date passed and the delayed wake-up fires.
    await db
      .from('approval_requests')
      .where('id', request.id)
      .update({ due_at: new Date(Date.now() - 1000) })
    await db.from('execution_waits').where('execution_id', id).update({ resume_at: new Date() })
    await wakeExecution(id, 'test-due')

    const card = inbox.locator('article.approval-card', { hasText: 'Approve travel budget' })
    await card.waitFor()
    await card.getByText(`Reassigned from ${clerk.fullName} to ${boss.fullName}`).waitFor()
    await card.getByText(/Not decided by the due date/).waitFor()

    const clerkContext = await browser.newContext()
    const clerkPage = await clerkContext.newPage()
    await signIn(clerkPage, clerk.email)
    await clerkPage.goto(`${baseUrl()}/approvals`)
    await clerkPage.getByText('Nothing waits for you').waitFor()
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
