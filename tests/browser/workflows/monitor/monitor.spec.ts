import { test } from '@japa/runner'
import env from '#start/env'
import { chromium, type Browser, type Page } from 'playwright'
import { broadcast } from '#core/realtime/broadcast'
import { waitForDispatches } from '#core/events/outbox'
import { invoiceService } from '#invoicing/services/invoice_service'
import { createTenantWithUser, TEST_PASSWORD } from '#tests/helpers/tenancy'
import {
  chain,
  node,
  publishedWorkflow,
  resetWorkflowState,
  startWorker,
} from '#tests/helpers/workflows'
import { runManually } from '#workflows/services/execution_service'
import { registerFlakyNode } from '../../../functional/workflows/reliability/flaky_node.js'
import { closeProducers } from '#workflows/runtime/queue'
import { createAccount, twoLines } from '../../../functional/invoicing/fixtures.js'
import {
  createExecution,
  createWorkflow,
  eventInput,
} from '../../../functional/workflows/monitor/fixtures.js'

const baseUrl = () => `http://${env.get('HOST')}:${env.get('PORT')}`

/** Resolves once the page subscribed to `channel` over Transmit (messages before are lost). */
function subscribed(page: Page, channel: string) {
  return page.waitForResponse(
    (response) =>
      response.url().includes('/__transmit/subscribe') &&
      (response.request().postData() ?? '').includes(channel) &&
      response.ok()
  )
}

async function signIn(page: Page, email: string) {
  await page.goto(`${baseUrl()}/login`)
  await page.fill('#email', email)
  await page.fill('#password', TEST_PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL(`${baseUrl()}/`)
}

/** Ids of the executions listed in the table, in order. */
async function listedIds(page: Page) {
  const ids = await page
    .locator('[data-testid=executions-table] [data-execution-id]')
    .evaluateAll((links) => links.map((link) => Number(link.getAttribute('data-execution-id'))))
  return ids
}

/** Polls (bounded) until the list shows exactly `expected`, in order. */
async function waitForListed(page: Page, expected: number[]) {
  let ids: number[] = []
  for (let attempt = 0; attempt < 200; attempt++) {
    ids = await listedIds(page)
    if (JSON.stringify(ids) === JSON.stringify(expected)) return
    await page.waitForTimeout(50)
  }
  throw new Error(`listed ${JSON.stringify(ids)}, expected ${JSON.stringify(expected)}`)
}

test.group('Monitor | browser', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
    return async () => {
      await browser.close()
      // runManually enqueued through the shared producers: their Redis clients keep the process up.
      await closeProducers()
    }
  })
  group.each.setup(async () => {
    await resetWorkflowState()
    return () => waitForDispatches()
  })

  test('the viewer follows a running workflow live, without reloading', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('pause', 'delay', { mode: 'duration', duration: '2s' }),
        node('finish', 'set_variables', { variables: { done: 'yes' } })
      ),
      'Live demo'
    )
    const executionId = await runManually(workflow, {}, { userId: user.id })

    const page = await browser.newPage()
    await signIn(page, user.email)
    const live = subscribed(page, `workflows/executions/${executionId}`)
    await page.goto(`${baseUrl()}/executions/${executionId}`)
    await live
    await page.locator('[data-testid=monitor-node][data-node-id=start]').waitFor()
    assert.equal(
      await page.getAttribute('[data-testid=monitor-node][data-node-id=finish]', 'data-status'),
      'pending'
    )
    // A marker that a reload would wipe.
    await page.evaluate(() => ((globalThis as any).__sameDocument = true))

    const worker = await startWorker()
    try {
      await page
        .locator('[data-testid=monitor-node][data-node-id=start][data-status=succeeded]')
        .waitFor({ timeout: 10_000 })
      await page
        .locator('[data-testid=monitor-node][data-node-id=pause][data-status=waiting]')
        .waitFor({ timeout: 10_000 })
      await page
        .locator('[data-testid=monitor-node][data-node-id=finish][data-status=succeeded]')
        .waitFor({ timeout: 15_000 })
      await page
        .locator('[data-testid=execution-status]', { hasText: 'succeeded' })
        .waitFor({ timeout: 10_000 })
    } finally {
      await worker.stop()
    }
    assert.isTrue(await page.evaluate(() => (globalThis as any).__sameDocument === true))
    assert.equal(await page.locator('[data-testid=timeline-row]').count(), 3)
    await page.close()
  })

  test('retry a failed execution from its failed step', async ({ assert }) => {
    registerFlakyNode()
    const { tenant, user } = await createTenantWithUser('builder')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('flaky', 'test_flaky', { failures: 1, retry: { maxAttempts: 1 } }),
        node('echo', 'set_variables', { variables: { got: '{{steps.flaky.calls}}' } })
      ),
      'Flaky sync'
    )
    const executionId = await runManually(workflow, {}, { userId: user.id })
    const worker = await startWorker()
    try {
      const page = await browser.newPage()
      await signIn(page, user.email)
      const live = subscribed(page, `workflows/executions/${executionId}`)
      await page.goto(`${baseUrl()}/executions/${executionId}`)
      await live
      await page
        .locator('[data-testid=execution-status]', { hasText: 'failed' })
        .waitFor({ timeout: 15_000 })
      await page
        .locator('[data-testid=monitor-node][data-node-id=flaky][data-status=failed]')
        .waitFor()

      await page.click('[data-testid=action-retry]')
      await page.getByRole('button', { name: 'Retry', exact: true }).click()
      await page
        .locator('[data-testid=execution-status]', { hasText: 'succeeded' })
        .waitFor({ timeout: 15_000 })
      await page
        .locator('[data-testid=monitor-node][data-node-id=echo][data-status=succeeded]')
        .waitFor()
      // The trigger step did not run again: one row for it, the flaky step on its 2nd attempt.
      assert.equal(await page.locator('[data-testid=timeline-row][data-node-id=start]').count(), 1)
      assert.include(
        await page.textContent('[data-testid=timeline-row][data-node-id=flaky]'),
        'attempt 2'
      )
      await page.close()
    } finally {
      await worker.stop()
    }
  })

  test('inspect a step’s data: tree, search and "load full"', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const wf = await createWorkflow(tenant.id)
    const big = { rows: Array.from({ length: 1500 }, (_, i) => ({ i, sku: `SKU-${i}` })) }
    const id = await createExecution(tenant.id, wf, {
      steps: [
        { nodeId: 'trigger', nodeType: 'entity_event', status: 'succeeded', output: big },
        {
          nodeId: 'deal',
          nodeType: 'create_entity',
          status: 'succeeded',
          input: { title: 'Renewal for Globex' },
          output: { id: 77, title: 'Renewal for Globex', stage: 'qualified' },
        },
      ],
    })

    const page = await browser.newPage()
    await signIn(page, user.email)
    await page.goto(`${baseUrl()}/executions/${id}`)
    assert.equal(await page.locator('[data-testid=action-cancel]').count(), 0)

    await page.click('[data-testid=timeline-row][data-node-id=deal]')
    const body = page.locator('[data-testid=inspector-body]')
    await body.getByText('"qualified"').waitFor()
    await page.fill('[data-testid=inspector-search]', 'stage')
    assert.equal(await body.locator('.is-match').count(), 1)
    await page.locator('[data-testid=inspector-part]').getByText('Input', { exact: true }).click()
    await body.getByText('"Renewal for Globex"').waitFor()

    await page.click('[data-testid=timeline-row][data-node-id=trigger]')
    await page.locator('[data-testid=inspector-load-full]').waitFor()
    await page.click('[data-testid=inspector-load-full]')
    await body.locator('.json-summary', { hasText: '[1500 items]' }).waitFor()
    await page.close()
  })

  test('filter the list by related record and by text inside payloads', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const wf = await createWorkflow(tenant.id, { name: 'Dunning' })
    const forInvoice = await createExecution(tenant.id, wf, {
      input: eventInput('invoice', 1042, { customer: 'Initech' }),
    })
    const withText = await createExecution(tenant.id, wf, {
      steps: [
        {
          nodeId: 'notify',
          nodeType: 'notification',
          status: 'succeeded',
          output: { message: 'Reminder sent to Globex' },
        },
      ],
    })
    const other = await createExecution(tenant.id, wf, { input: eventInput('invoice', 7, {}) })

    const page = await browser.newPage()
    await signIn(page, user.email)
    await page.goto(`${baseUrl()}/executions`)
    await waitForListed(page, [other, withText, forInvoice])

    await page.fill('[data-testid=filter-text]', 'globex')
    await page.click('[data-testid=filter-apply]')
    await waitForListed(page, [withText])
    assert.include(page.url(), 'q=globex')

    await page.fill('[data-testid=filter-text]', '')
    await page.click('[data-testid=filter-entity-type]')
    await page.getByRole('option', { name: 'Invoice', exact: true }).click()
    await page.fill('[data-testid=filter-entity-id]', '1042')
    await page.click('[data-testid=filter-apply]')
    await waitForListed(page, [forInvoice])
    assert.deepEqual(await listedIds(page), [forInvoice])
    await page.close()
  })

  test('an invoice’s Automation tab lists its executions, live', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('admin')
    const accountId = await createAccount(tenant.id, 'Automation Buyer')
    const invoice = await invoiceService.create(tenant.id, {
      accountId,
      issueDate: '2026-03-01',
      lines: twoLines,
    })
    const wf = await createWorkflow(tenant.id, { name: 'Thank customers for paying' })
    const first = await createExecution(tenant.id, wf, {
      input: eventInput('invoice', invoice.id, {}),
    })

    const page = await browser.newPage()
    await signIn(page, user.email)
    await page.goto(`${baseUrl()}/invoices/${invoice.id}`)
    const live = subscribed(page, `tenants/${tenant.id}/executions`)
    await page.click('[data-testid=automation-tab]')
    await live
    const executions = page.locator('[data-testid=automation-executions]')
    await executions.getByRole('link', { name: `#${first}` }).waitFor()
    await page
      .locator('[data-testid=automation-workflows]')
      .getByText('Thank customers for paying')
      .waitFor()

    // A new execution for this invoice appears without reloading the page.
    const second = await createExecution(tenant.id, wf, {
      status: 'running',
      input: eventInput('invoice', invoice.id, {}),
    })
    broadcast(`tenants/${tenant.id}/executions`, {
      type: 'execution.started',
      executionId: second,
      workflowId: wf.workflowId,
    })
    await executions.getByRole('link', { name: `#${second}` }).waitFor({ timeout: 10_000 })
    assert.equal(await executions.getByRole('link', { name: /^#\d+$/ }).count(), 2)
    await page.close()
  })

  test('run a manual workflow on an invoice from its Automation tab', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const accountId = await createAccount(tenant.id, 'Run Buyer')
    const invoice = await invoiceService.create(tenant.id, {
      accountId,
      issueDate: '2026-03-01',
      lines: twoLines,
    })
    await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual', {
          fields: [{ key: 'invoiceId', label: 'Invoice', type: 'number', required: true }],
        }),
        node('note', 'set_variables', { variables: { invoice: '{{trigger.invoiceId}}' } })
      ),
      'Send payment reminder'
    )

    const page = await browser.newPage()
    await signIn(page, user.email)
    await page.goto(`${baseUrl()}/invoices/${invoice.id}`)
    await page.click('[data-testid=automation-tab]')
    const executions = page.locator('[data-testid=automation-executions]')
    await executions.getByText('No execution has touched this record.').waitFor()
    await page.getByRole('button', { name: 'Send payment reminder' }).click()

    // The run is queued (no worker here) and listed for this invoice, as its input.
    await executions.getByRole('link', { name: /^#\d+$/ }).waitFor({ timeout: 10_000 })
    const row = await executions.locator('tbody tr').first().textContent()
    assert.include(row, 'Send payment reminder')
    assert.include(row, 'input')
    await page.close()
  })
})
