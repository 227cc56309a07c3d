import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { chromium, type Browser, type Page } from 'playwright'
import type { WorkflowGraph } from '#workflows/engine/graph'
import { truncateAll } from '#tests/helpers/db'
import { addMember, createTenantWithUser, TEST_PASSWORD } from '#tests/helpers/tenancy'

const baseUrl = () => `http://${env.get('HOST')}:${env.get('PORT')}`

async function signIn(page: Page, email: string) {
  await page.goto(`${baseUrl()}/login`)
  await page.fill('#email', email)
  await page.fill('#password', TEST_PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL(`${baseUrl()}/`)
}

function graphWith(triggerType: string, actionType: string): WorkflowGraph {
  return {
    nodes: [
      { id: 'start', type: triggerType, name: 'Start', config: {}, position: { x: 0, y: 0 } },
      { id: 'act', type: actionType, name: 'Act', config: {}, position: { x: 300, y: 0 } },
    ],
    edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'act', targetPort: 'in' }],
    variables: {},
  }
}

async function insertWorkflow(
  tenantId: number,
  name: string,
  status: string,
  graph: WorkflowGraph,
  description: string | null = null
) {
  const [row] = await db
    .table('workflows')
    .insert({
      tenant_id: tenantId,
      name,
      description,
      status,
      draft_graph: JSON.stringify(graph),
      webhook_token: `token-${name.replace(/\W+/g, '-')}`,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
  return Number(row.id)
}

const rows = (page: Page) => page.locator('[data-testid=workflow-table] tbody tr')

test.group('Workflow list | browser', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
    return () => browser.close()
  })
  group.each.setup(() => truncateAll())

  test('search by name, description or node type; filter by status; bulk pause with confirmation', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const other = await createTenantWithUser('owner')
    await insertWorkflow(
      tenant.id,
      'Invoice reminders',
      'active',
      graphWith('entity_event', 'notification')
    )
    await insertWorkflow(
      tenant.id,
      'Lead intake',
      'active',
      graphWith('webhook', 'create_entity'),
      'Form posts from the website'
    )
    await insertWorkflow(
      tenant.id,
      'Quarterly report',
      'draft',
      graphWith('schedule', 'http_request')
    )
    await insertWorkflow(
      other.tenant.id,
      'Someone else',
      'active',
      graphWith('manual', 'notification')
    )

    const page = await browser.newPage()
    await signIn(page, user.email)
    await page.goto(`${baseUrl()}/workflows`)
    await rows(page).filter({ hasText: 'Quarterly report' }).waitFor()
    assert.equal(await rows(page).count(), 3, "another tenant's workflow is not listed")

    await page.fill('[data-testid=workflow-search]', 'http_request')
    await page.waitForURL(/q=http_request/)
    await rows(page).filter({ hasText: 'Lead intake' }).waitFor({ state: 'detached' })
    assert.equal(await rows(page).count(), 1)
    assert.include(await rows(page).first().textContent(), 'Quarterly report')

    await page.fill('[data-testid=workflow-search]', 'website')
    await rows(page).filter({ hasText: 'Lead intake' }).waitFor()
    assert.equal(await rows(page).count(), 1)

    await page.fill('[data-testid=workflow-search]', '')
    await page.getByRole('combobox', { name: 'Status' }).click()
    await page.getByRole('option', { name: 'Active' }).click()
    await page.waitForURL(/status=active/)
    await rows(page).filter({ hasText: 'Quarterly report' }).waitFor({ state: 'detached' })
    assert.equal(await rows(page).count(), 2)

    // Bulk pause both active workflows (with confirmation).
    await page
      .locator('[data-testid=workflow-table] thead input[type=checkbox]')
      .check({ force: true })
    await page.locator('[data-testid=bulk-bar]').getByRole('button', { name: 'Pause' }).click()
    await page.locator('.p-confirmdialog').getByRole('button', { name: 'pause' }).click()
    await page.locator('.p-toast-summary', { hasText: 'pause: 2 of 2 done' }).waitFor()
    const statuses = await db
      .from('workflows')
      .where('tenant_id', tenant.id)
      .orderBy('name')
      .select('name', 'status')
    assert.deepEqual(
      statuses.map((s) => [s.name, s.status]),
      [
        ['Invoice reminders', 'paused'],
        ['Lead intake', 'paused'],
        ['Quarterly report', 'draft'],
      ]
    )
    await page.close()
  })

  test("viewers get a read-only builder; another tenant's workflow is not found; recents", async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser('owner')
    const viewer = await addMember(tenant, 'viewer')
    const id = await insertWorkflow(
      tenant.id,
      'Look only',
      'draft',
      graphWith('manual', 'notification')
    )
    const other = await createTenantWithUser('owner')
    const foreign = await insertWorkflow(
      other.tenant.id,
      'Not yours',
      'draft',
      graphWith('manual', 'notification')
    )

    const page = await browser.newPage()
    await signIn(page, viewer.email)
    await page.goto(`${baseUrl()}/workflows`)
    await rows(page).filter({ hasText: 'Look only' }).waitFor()
    assert.equal(await page.locator('[data-testid=new-workflow]').count(), 0)

    await page.goto(`${baseUrl()}/workflows/${id}`)
    await page.locator('[data-testid=wf-node]').first().waitFor()
    assert.equal(await page.locator('[data-testid=palette]').count(), 0)
    assert.isTrue(await page.locator('[data-testid=publish]').isDisabled())

    // Version history (read-only for viewers too) is one click away from the builder.
    await page.locator('[data-testid=history-link]').click()
    await page.waitForURL(`${baseUrl()}/workflows/${id}/versions`)
    await page.goto(`${baseUrl()}/workflows/${id}`)
    await page.locator('[data-testid=executions-link]').click()
    await page.waitForURL(`${baseUrl()}/workflows/${id}/executions`)

    const response = await page.goto(`${baseUrl()}/workflows/${foreign}`)
    assert.equal(response?.status(), 404)

    // The builder just opened is offered among this user's recent workflows.
    await page.goto(`${baseUrl()}/workflows`)
    await page.locator('.wf-list__recent a', { hasText: 'Look only' }).waitFor()
    await page.close()
  })
})
