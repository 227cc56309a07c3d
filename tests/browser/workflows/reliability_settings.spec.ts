import { test } from '@japa/runner'
import type { Browser } from 'playwright'
import db from '@adonisjs/lucid/services/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import { baseUrl, eventually, launchBrowser, signIn } from '#tests/helpers/browser'
import { chain, node, resetWorkflowState } from '#tests/helpers/workflows'
import { closeProducers } from '#workflows/runtime/queue'
import { workflowService } from '#workflows/services/workflow_service'
import { clearReliabilityCache } from '#workflows/reliability/workflow_settings'

async function draftNode(workflowId: number, nodeId: string) {
  const row = await db.from('workflows').where('id', workflowId).first()
  return (row.draft_graph as { nodes: any[] }).nodes.find((n) => n.id === nodeId)
}

test.group('Workflow reliability settings | browser', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return async () => {
      await browser.close()
      await closeProducers()
    }
  })
  group.each.setup(async () => {
    await resetWorkflowState()
    clearReliabilityCache()
  })

  test('custom retry on an HTTP node persists in the draft; workflow settings save', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const graph = chain(
      node('start', 'manual'),
      node('call', 'http_request', { method: 'GET', url: 'https://example.com/ping' })
    )
    graph.nodes[1].position = { x: 300, y: 0 }
    const workflow = await workflowService.create(tenant.id, user.id, { name: 'Pinger', graph })

    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } })
    const page = await context.newPage()
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message))
    await signIn(page, user.email)
    await page.goto(`${baseUrl()}/workflows/${workflow.id}`)
    const httpNode = page.locator('[data-testid=wf-node][data-node-id=call]')
    await httpNode.click()

    // The section starts collapsed (nothing configured); open it and set a custom policy.
    const section = page.locator('[data-testid=error-handling]')
    await section.locator('summary').click()
    await section.locator('[data-testid=wf-node-retry-mode]').getByText('Custom').click()
    await page.fill('#wf-node-attempts', '5')
    await page.fill('#wf-node-delay', '250')
    await section.getByText('Fixed', { exact: true }).click()
    await page.click('label[for=wf-node-cat-rate_limited]')
    await page.fill('#wf-node-timeout', '7000')

    const saved = await eventually(async () => {
      const n = await draftNode(workflow.id, 'call')
      return n?.config?.timeoutMs === 7000 && n.config.retry?.backoff === 'fixed' ? n : null
    })
    assert.deepInclude(saved.config, {
      method: 'GET',
      url: 'https://example.com/ping',
      timeoutMs: 7000,
    })
    assert.deepInclude(saved.config.retry, {
      maxAttempts: 5,
      delayMs: 250,
      backoff: 'fixed',
      categories: ['transient', 'timeout'],
    })

    // Reload: the section opens by itself and shows the stored policy.
    await page.reload()
    await httpNode.click()
    await page.locator('#wf-node-attempts').waitFor()
    assert.equal(await page.inputValue('#wf-node-attempts'), '5')
    assert.equal(await page.inputValue('#wf-node-timeout'), '7000')
    assert.isFalse(await page.isChecked('#wf-node-cat-rate_limited'))

    // Workflow settings: concurrency limit + key and priority.
    await page.click('[data-testid=workflow-settings-button]')
    await page.locator('#wf-settings-concurrency').waitFor()
    await page.fill('#wf-settings-concurrency', '2')
    await page.fill('#wf-settings-concurrency-key', '{{trigger.dealId}}')
    await page.locator('[data-testid=wf-settings-priority]').getByText('High').click()
    await page.click('[data-testid=wf-settings-save]')
    await page.locator('#wf-settings-concurrency').waitFor({ state: 'detached' })

    const response = await page.request.get(
      `${baseUrl()}/api/v1/workflows/${workflow.id}/reliability`
    )
    assert.equal(response.status(), 200)
    const body = await response.json()
    assert.deepEqual(body.data.concurrency, { limit: 2, key: '{{trigger.dealId}}' })
    assert.isTrue(body.data.notifyOwner)
    const row = await db.from('workflows').where('id', workflow.id).first()
    assert.equal(row.priority, 'high')

    // Reopening loads what was saved.
    await page.click('[data-testid=workflow-settings-button]')
    await page.locator('#wf-settings-concurrency').waitFor()
    await eventually(async () => (await page.inputValue('#wf-settings-concurrency')) === '2')
    await context.close()
  })
})
