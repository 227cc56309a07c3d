import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { chromium, type Browser, type Locator, type Page } from 'playwright'
import { nodeRegistry } from '#workflows/nodes/registry'
import { canConnect } from '#workflows/engine/validation'
import { closeProducers } from '#workflows/runtime/queue'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser, TEST_PASSWORD } from '#tests/helpers/tenancy'

let lastPage: Page | null = null
const baseUrl = () => `http://${env.get('HOST')}:${env.get('PORT')}`

/** Polls `check` (bounded) until it returns a truthy value; the page saves asynchronously. */
async function eventually<T>(
  check: () => Promise<T>,
  what = 'condition',
  attempts = 200
): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await check()
    if (value) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  await lastPage?.screenshot({ path: '/tmp/h6_fail.png' })
  throw new Error(`${what} not met`)
}

async function signIn(page: Page, email: string) {
  await page.goto(`${baseUrl()}/login`)
  await page.fill('#email', email)
  await page.fill('#password', TEST_PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL(`${baseUrl()}/`)
}

async function center(locator: Locator) {
  const box = (await locator.boundingBox())!
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** Drags a wire from one handle to another with real mouse moves (Vue Flow listens to pointer events). */
async function wire(page: Page, from: Locator, to: Locator, beforeRelease?: () => Promise<void>) {
  const a = await center(from)
  const b = await center(to)
  await page.mouse.move(a.x, a.y)
  await page.mouse.down()
  await page.mouse.move(b.x, b.y, { steps: 12 })
  if (beforeRelease) await beforeRelease()
  await page.mouse.up()
}

const nodes = (page: Page) => page.locator('[data-testid=wf-node]')
const nodeOfType = (page: Page, type: string, index = 0) =>
  page.locator(`[data-testid=wf-node][data-node-type="${type}"]`).nth(index)
const handle = (page: Page, nodeId: string, port: string) =>
  page.locator(`.vue-flow__handle[data-nodeid="${nodeId}"][data-handleid="${port}"]`)

async function draftOf(workflowId: number) {
  const row = await db.from('workflows').where('id', workflowId).first()
  return row.draft_graph as { nodes: any[]; edges: any[] }
}

async function saved(page: Page) {
  await page.locator('[data-testid=save-status]', { hasText: 'All changes saved' }).waitFor()
}

test.group('Workflow builder | browser', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
    // Running the workflow enqueues it: close the queue connections so the process can exit.
    return async () => {
      await browser.close()
      await closeProducers()
    }
  })
  group.each.setup(() => truncateAll())

  test('build, configure, edit, export/import, publish and run a workflow', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    const page = await context.newPage()
    lastPage = page
    page.on('console', (m) => m.type() === 'error' && console.log('BROWSER', m.text()))
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message))
    await signIn(page, user.email)

    // Create from the list page.
    await page.goto(`${baseUrl()}/workflows`)
    await page.click('[data-testid=new-workflow]')
    await page.fill('[data-testid=new-workflow-name]', 'Big deal alert')
    await page.click('[data-testid=create-workflow]')
    await page.waitForURL(/\/workflows\/\d+$/)
    const workflowId = Number(page.url().split('/').pop())
    await page.locator('[data-testid=builder]').waitFor()

    // Empty canvas → drag a manual trigger from the palette onto it.
    assert.equal(await nodes(page).count(), 0)
    await page.dragAndDrop('.wf-palette__item[data-node-type=manual]', '.vue-flow__pane', {
      targetPosition: { x: 200, y: 300 },
    })
    await page.screenshot({ path: '/tmp/h6_after_drop.png' })
    await nodeOfType(page, 'manual').waitFor()

    // Click-to-add after the selected node: trigger → condition → notification (true branch).
    await page.click('.wf-palette__item[data-node-type=condition]')
    await nodeOfType(page, 'condition').waitFor()
    await page.click('.wf-palette__item[data-node-type=notification]')
    await nodeOfType(page, 'notification').waitFor()
    // Second action dropped below, wired by hand from the condition's "false" port.
    await page.dragAndDrop('.wf-palette__item[data-node-type=notification]', '.vue-flow__pane', {
      targetPosition: { x: 450, y: 600 },
    })
    await eventually(async () => (await nodes(page).count()) === 4, 'four nodes')
    const conditionId = (await nodeOfType(page, 'condition').getAttribute('data-node-id'))!
    const yesId = (await nodeOfType(page, 'notification', 0).getAttribute('data-node-id'))!
    const noId = (await nodeOfType(page, 'notification', 1).getAttribute('data-node-id'))!
    await wire(page, handle(page, conditionId, 'false'), handle(page, noId, 'in'))
    await eventually(
      async () => (await page.locator('.vue-flow__edge').count()) === 3,
      'three edges'
    )

    // An invalid connection (a cycle) is refused, with the engine's reason.
    await saved(page)
    const draft = await draftOf(workflowId)
    const expected = canConnect(draft as any, nodeRegistry.publicList(), {
      source: yesId,
      sourcePort: 'out',
      target: conditionId,
      targetPort: 'in',
    })
    assert.isFalse(expected.ok)
    const reason = expected.ok ? '' : expected.reason
    await wire(page, handle(page, yesId, 'out'), handle(page, conditionId, 'in'), async () => {
      const hint = page.locator('[data-testid=connection-refusal]')
      await hint.waitFor()
      assert.include(await hint.textContent(), reason)
    })
    await page.locator('.p-toast-detail', { hasText: reason }).waitFor()
    assert.equal(await page.locator('.vue-flow__edge').count(), 3)

    // Configure through the generated forms: the expression editor offers variables.
    assert.include(await page.textContent('[data-testid=validation-count]'), '2 problems')
    // A validation entry selects its node and focuses the field.
    await page.click('[data-testid=validation-count]')
    await page.locator('.wf-validation__item').first().click()
    await eventually(async () => {
      const id = await page.locator(':focus').getAttribute('id')
      return /^wf-field-.+-title$/.test(id ?? '')
    }, 'title field focused')
    assert.lengthOf(await page.locator('.wf-node.is-selected').all(), 1)
    await page.click('[data-testid=validation-count]')

    await nodeOfType(page, 'notification', 0).click()
    const title = page.locator(`#wf-field-${yesId}-title`)
    await title.click()
    await title.pressSequentially('Big deal {{')
    await page.locator('[data-testid=expression-suggestions]').waitFor()
    await title.press('Enter')
    assert.equal(await title.inputValue(), 'Big deal {{trigger}}')
    await nodeOfType(page, 'notification', 1).click()
    await page.locator(`#wf-field-${noId}-title`).fill('Small deal')
    await nodeOfType(page, 'condition').click()
    await page.locator('[data-testid=properties-panel] button', { hasText: 'Rule' }).click()
    await page.fill('[data-testid=properties-panel] [aria-label=Field]', 'trigger.amount')
    await page.fill('[data-testid=properties-panel] [aria-label=Value]', '1000')
    await page.locator('[data-testid=validation-count]', { hasText: 'No problems' }).waitFor()

    // Rename inline, undo and redo it.
    await nodeOfType(page, 'condition').locator('.wf-node__name').dblclick()
    await page.locator('.wf-node__rename').fill('Amount over 1000?')
    await page.keyboard.press('Enter')
    const conditionName = nodeOfType(page, 'condition').locator('.wf-node__name')
    await conditionName.filter({ hasText: 'Amount over 1000?' }).waitFor()
    await page.locator('.vue-flow__pane').click({ position: { x: 20, y: 20 } })
    await page.keyboard.press('Control+z')
    await conditionName.filter({ hasText: /^\s*Condition\s*$/ }).waitFor()
    await page.keyboard.press('Control+Shift+z')
    await conditionName.filter({ hasText: 'Amount over 1000?' }).waitFor()

    // Copy/paste a group (condition + one action, with the edge between them), then undo it.
    await nodeOfType(page, 'condition').click()
    await nodeOfType(page, 'notification', 0).click({ modifiers: ['Shift'] })
    await eventually(
      async () => (await page.locator('.wf-node.is-selected').count()) === 2,
      'two selected'
    )

    // Dragging the two moves them as one layer: the edge between them moves along, the two
    // edges to the rest of the graph are hidden until the drop.
    const box = (await nodeOfType(page, 'condition').boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 8)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height + 40, { steps: 8 })
    const edgesInFlight = () =>
      page.locator('.vue-flow__edge').evaluateAll((elements: any[]) => ({
        hidden: elements.filter((el) => el.classList.contains('wf-edge--group-drag')).length,
        moved: elements.filter((el) => el.style.transform.includes('translate')).length,
      }))
    const whileDragged = await eventually(async () => {
      const edges = await edgesInFlight()
      return edges.moved ? edges : null
    }, 'the inner edge moves')
    assert.deepEqual(whileDragged, { hidden: 2, moved: 1 })
    await page.mouse.up()
    const dropped = await eventually(async () => {
      const edges = await edgesInFlight()
      return edges.hidden === 0 && edges.moved === 0 ? edges : null
    }, 'all edges back in place')
    assert.deepEqual(dropped, { hidden: 0, moved: 0 })

    await page.keyboard.press('Control+c')
    await page.keyboard.press('Control+v')
    await eventually(async () => (await nodes(page).count()) === 6, 'pasted')
    assert.equal(await page.locator('.vue-flow__edge').count(), 4)
    await page.keyboard.press('Control+z')
    await eventually(async () => (await nodes(page).count()) === 4, 'paste undone')

    // Cheat sheet.
    await page.keyboard.press('?')
    await page.locator('[data-testid=shortcuts]').waitFor()
    await page.keyboard.press('Escape')

    // Export, break the canvas, re-import the file.
    await page.click('[data-testid=file-menu]')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Export JSON file' }).click(),
    ])
    const exported = await readFile((await download.path())!, 'utf8')
    assert.equal(JSON.parse(exported).graph.nodes.length, 4)
    await nodeOfType(page, 'notification', 1).click()
    await page.keyboard.press('Delete')
    await eventually(async () => (await nodes(page).count()) === 3, 'deleted')
    await page.click('[data-testid=file-menu]')
    await page.getByRole('menuitem', { name: 'Import JSON…' }).click()
    await page.fill('[data-testid=import-text]', '{"nodes": [{"id": "x"}]}')
    await page.click('[data-testid=import-confirm]')
    await page.locator('[data-testid=import-errors]').waitFor()
    await page.fill('[data-testid=import-text]', exported)
    await page.click('[data-testid=import-confirm]')
    await eventually(async () => (await nodes(page).count()) === 4, 'imported')

    // Saved draft = what is on the canvas.
    await saved(page)
    const stored = await draftOf(workflowId)
    assert.lengthOf(stored.nodes, 4)
    assert.lengthOf(stored.edges, 3)
    assert.equal(stored.nodes.find((n) => n.id === yesId).config.title, 'Big deal {{trigger}}')

    // Publish version 1 with a note.
    await page.click('[data-testid=publish]')
    assert.include(await page.textContent('[data-testid=publish-version]'), 'version 1')
    await page.fill('#wf-publish-note', 'First version')
    await page.click('[data-testid=publish-confirm]')
    await page.locator('.p-toast-summary', { hasText: 'Published version 1' }).waitFor()
    const version = await db.from('workflow_versions').where('workflow_id', workflowId).first()
    assert.equal(version.number, 1)
    assert.equal(version.note, 'First version')

    // Activate it (its triggers start listening); the status tag follows.
    await page.click('[data-testid=activate]')
    await page.locator('[data-testid=workflow-status]', { hasText: 'active' }).waitFor()
    const activated = await db.from('workflows').where('id', workflowId).first()
    assert.equal(activated.status, 'active')

    // Run → land on the live execution.
    await page.click('[data-testid=run]')
    await page.click('[data-testid=run-confirm]')
    await page.waitForURL(/\/executions\/\d+$/)
    const executionId = Number(page.url().split('/').pop())
    const execution = await db.from('executions').where('id', executionId).first()
    assert.equal(Number(execution.workflow_id), workflowId)
    assert.equal(Number(execution.tenant_id), tenant.id)
    await context.close()
  })
})
