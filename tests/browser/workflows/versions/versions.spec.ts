import { test } from '@japa/runner'
import type { Browser } from 'playwright'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import { baseUrl, launchBrowser, signIn } from '#tests/helpers/browser'
import { node, resetWorkflowState } from '#tests/helpers/workflows'
import { closeProducers } from '#workflows/runtime/queue'
import { workflowService } from '#workflows/services/workflow_service'
import Workflow from '#workflows/models/workflow'

const edge = (id: string, source: string, target: string) => ({
  id,
  source,
  sourcePort: 'out',
  target,
  targetPort: 'in',
})

/** v1: start → greet → old; v2: greet changed, old removed, fresh added. */
async function twoVersions(tenantId: number, userId: number) {
  const start = { ...node('start', 'manual'), position: { x: 0, y: 0 } }
  const greet = {
    ...node('greet', 'set_variables', { variables: { a: '1' } }),
    position: { x: 260, y: 0 },
  }
  const old = {
    ...node('old', 'set_variables', { variables: { b: '2' } }),
    position: { x: 520, y: 0 },
  }
  const fresh = {
    ...node('fresh', 'set_variables', { variables: { c: '3' } }),
    position: { x: 520, y: 160 },
  }
  const workflow = await workflowService.create(tenantId, userId, {
    name: 'Diffed',
    graph: {
      nodes: [start, greet, old],
      edges: [edge('e1', 'start', 'greet'), edge('e2', 'greet', 'old')],
      variables: {},
    },
  })
  await workflowService.publish(workflow, userId, 'first')
  await workflowService.saveDraft(workflow, {
    nodes: [start, { ...greet, config: { ...greet.config, variables: { a: '10' } } }, fresh],
    edges: [edge('e1', 'start', 'greet'), edge('e3', 'greet', 'fresh')],
    variables: {},
  })
  await workflowService.publish(workflow, userId, 'second')
  return workflow
}

test.group('Workflow versions | browser', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return async () => {
      await browser.close()
      await closeProducers()
    }
  })
  group.each.setup(() => resetWorkflowState())

  test('see a version diff on the canvas and roll back', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const workflow = await twoVersions(tenant.id, user.id)
    const page = await browser.newPage()
    await signIn(page, user.email)
    await page.goto(`${baseUrl()}/workflows/${workflow.id}/versions`)

    const canvas = page.locator('[data-testid=diff-canvas]')
    await canvas.locator('[data-testid=diff-node][data-node-id=fresh]').waitFor()
    const status = (id: string) =>
      canvas.locator(`[data-testid=diff-node][data-node-id=${id}]`).getAttribute('data-diff-status')
    assert.equal(await status('fresh'), 'added')
    assert.equal(await status('old'), 'removed')
    assert.equal(await status('greet'), 'changed')
    assert.equal(await status('start'), 'unchanged')
    assert.include(
      await canvas.locator('[data-testid=diff-node][data-node-id=greet]').innerText(),
      'config.variables.a'
    )
    const list = await page.locator('[data-testid=diff-list]').innerText()
    assert.include(list, 'Node added: fresh')
    assert.include(list, 'Node removed: old')
    assert.include(list, 'Connection added: greet (out) → fresh')
    assert.include(await page.locator('[data-testid=versions-table]').innerText(), 'second')

    // Roll back to v1: v3 is published and the page compares v1 with it (identical).
    await page.click('[data-testid=rollback-1]')
    await page.getByRole('button', { name: 'Roll back', exact: true }).last().click()
    await page.locator('[data-testid=diff-summary]', { hasText: 'v1 → v3' }).waitFor()
    assert.include(await page.locator('[data-testid=diff-summary]').innerText(), 'identical')
    assert.include(await page.locator('[data-testid=versions-table]').innerText(), 'Rollback to v1')
    const reloaded = await Workflow.findOrFail(workflow.id)
    assert.equal(reloaded.latestVersionNumber, 3)
    await page.close()
  })
})
