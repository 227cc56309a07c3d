import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { chromium, type Browser, type Page } from 'playwright'
import type { WorkflowGraph } from '#workflows/engine/graph'
import { nodeRegistry } from '#workflows/nodes/registry'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser, TEST_PASSWORD } from '#tests/helpers/tenancy'
// inertia/ is a separate TS project (root tsc cannot import it, TS6305): load it at run time.
const { estimateGeometry } = await import(`${'../../../inertia/workflows/canvas/node_geometry.js'}`)
const { expectsSummary, portsOf } = await import(
  `${'../../../inertia/workflows/builder/node_types.js'}`
)

const baseUrl = () => `http://${env.get('HOST')}:${env.get('PORT')}`

async function signIn(page: Page, email: string) {
  await page.goto(`${baseUrl()}/login`)
  await page.fill('#email', email)
  await page.fill('#password', TEST_PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL(`${baseUrl()}/`)
}

/** A manual trigger followed by a chain of `count - 1` notifications in a 25-wide grid. */
function chain(count: number): WorkflowGraph {
  const nodes: WorkflowGraph['nodes'] = [
    {
      id: 'start',
      type: 'manual',
      name: 'Start',
      config: { fields: [] },
      position: { x: 0, y: 0 },
    },
  ]
  const edges: WorkflowGraph['edges'] = []
  for (let i = 1; i < count; i++) {
    nodes.push({
      id: `n${i}`,
      type: 'notification',
      name: `Step ${i}`,
      config: {
        title: `Step ${i} of {{trigger}}`,
        recipients: { roles: ['admin'] },
        severity: 'info',
      },
      position: { x: (i % 25) * 260, y: Math.floor(i / 25) * 160 },
    })
    edges.push({
      id: `e${i}`,
      source: i === 1 ? 'start' : `n${i - 1}`,
      sourcePort: 'out',
      target: `n${i}`,
      targetPort: 'in',
    })
  }
  return { nodes, edges, variables: {} }
}

test.group('Workflow builder | large workflows', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
    return () => browser.close()
  })
  group.each.setup(() => truncateAll())

  test('a 500-node workflow opens, validates, finds and edits a node', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const [row] = await db
      .table('workflows')
      .insert({
        tenant_id: tenant.id,
        name: 'Five hundred steps',
        status: 'draft',
        draft_graph: JSON.stringify(chain(500)),
        owner_id: user.id,
        webhook_token: 'large-test-token',
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returning('id')

    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message))
    // The most canvas nodes in the DOM at any moment (a mount-everything-to-measure pass shows 500).
    await page.addInitScript(() => {
      const g = globalThis as any
      g.__mostNodes = 0
      new g.MutationObserver(() => {
        g.__mostNodes = Math.max(
          g.__mostNodes,
          g.document.querySelectorAll('.vue-flow__node').length
        )
      }).observe(g.document, { childList: true, subtree: true })
    })
    await signIn(page, user.email)
    for (let visit = 1; visit <= 2; visit++) {
      const started = Date.now()
      await page.goto(`${baseUrl()}/workflows/${row.id}`)
      await page.locator('[data-testid=validation-count]', { hasText: 'No problems' }).waitFor()
      await page.locator('[data-testid=wf-node][data-node-id=n3]').waitFor()
      // Reported, not asserted (speed is measured in benchmarks, never with wall-clock limits in tests).
      console.log(`500-node workflow visit ${visit}: interactive after ${Date.now() - started} ms`)
    }

    // Only the nodes in view were ever mounted; the minimap still draws all 500 (estimated sizes).
    const most = await page.evaluate(() => (globalThis as any).__mostNodes as number)
    assert.isAtMost(most, 80, `${most} nodes were mounted at once`)
    const minimap = await page
      .locator('[data-testid=canvas-minimap] .vue-flow__minimap-node')
      .getAttribute('d')
    assert.equal(minimap?.match(/M/g)?.length, 500)

    // The estimate of unmeasured nodes matches what the browser measures (workflow_node.vue CSS).
    const rendered = await page.locator('.vue-flow__node').evaluateAll((elements: any[]) =>
      elements.map((el) => ({
        id: el.dataset.id,
        width: el.offsetWidth,
        height: el.offsetHeight,
      }))
    )
    assert.isAbove(rendered.length, 5)
    const graph = chain(500)
    const types = new Map(nodeRegistry.publicList().map((t) => [t.type, t]))
    for (const box of rendered) {
      const node = graph.nodes.find((n) => n.id === box.id)!
      const def = types.get(node.type)
      const data = { ports: portsOf(def, node.config), expectsSummary: expectsSummary(node, def) }
      const estimate = estimateGeometry(node.id, data).dimensions
      assert.closeTo(estimate.width, box.width, 2, `width of ${node.id}`)
      assert.closeTo(estimate.height, box.height, 2, `height of ${node.id}`)
    }

    // Find a node far away and jump to it; edit it through the form; the draft is saved.
    await page.keyboard.press('Control+f')
    await page.fill('#wf-node-search', 'Step 499')
    await page.keyboard.press('Enter')
    const target = page.locator('[data-testid=wf-node][data-node-id=n499]')
    await target.waitFor()
    await page.locator('#wf-node-name').fill('Last step')
    await target.locator('.wf-node__name', { hasText: 'Last step' }).waitFor()
    await page.locator('[data-testid=save-status]', { hasText: 'All changes saved' }).waitFor()
    const saved = await db.from('workflows').where('id', row.id).first()
    const node = saved.draft_graph.nodes.find((n: { id: string }) => n.id === 'n499')
    assert.equal(node.name, 'Last step')
    assert.lengthOf(saved.draft_graph.nodes, 500)
    await page.close()
  })
})
