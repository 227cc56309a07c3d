import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright'
import { waitForDispatches } from '#core/events/outbox'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { launchBrowser, baseUrl, signIn } from '#tests/helpers/browser'
import {
  edge,
  node,
  publishedWorkflow,
  resetWorkflowState,
  startWorker,
  waitForStatus,
} from '#tests/helpers/workflows'
import { runManually } from '#workflows/services/execution_service'
import { closeProducers } from '#workflows/runtime/queue'
import { signDecisionLink } from '#workflows/approvals/signed_links'
import db from '@adonisjs/lucid/services/db'
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

test.group('Approval inbox | browser', (group) => {
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
      await worker?.stop()
      worker = null
      await waitForDispatches()
    }
  })

  test('a request appears live in the inbox; approving it continues the execution live', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const approver = await addMember(tenant, 'approver')
    const workflow = await publishedWorkflow(tenant.id, user.id, {
      nodes: [
        node('start', 'manual'),
        node('ask', 'approval', {
          title: 'Approve purchase of {{trigger.item}}',
          approvers: { userIds: [approver.id] },
        }),
        node('yes', 'set_variables', { variables: { result: 'approved' } }),
      ],
      edges: [edge('start', 'out', 'ask'), edge('ask', 'approved', 'yes')],
      variables: {},
    })
    worker = await startWorker()

    const context = await browser.newContext()
    const inbox = await context.newPage()
    await signIn(inbox, approver.email)
    const listening = subscribed(inbox, `tenants/${tenant.id}/approvals`)
    await inbox.goto(`${baseUrl()}/approvals`)
    await listening
    await inbox.getByText('Nothing waits for you').waitFor()

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
    const workflow = await publishedWorkflow(tenant.id, user.id, {
      nodes: [
        node('start', 'manual'),
        node('ask', 'approval', { title: 'Approve by mail', approvers: { userIds: [user.id] } }),
        node('no', 'set_variables', { variables: { result: 'rejected' } }),
      ],
      edges: [edge('start', 'out', 'ask'), edge('ask', 'rejected', 'no')],
      variables: {},
    })
    worker = await startWorker()
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['waiting'])
    const request = await db.from('approval_requests').where('execution_id', id).firstOrFail()
    const token = signDecisionLink({
      requestId: Number(request.id),
      userId: user.id,
      decision: 'rejected',
      expiresAt: Date.now() + 600_000,
    })

    // Not signed in: the link alone identifies the approver.
    const context = await browser.newContext()
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
