import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import { baseUrl, openPage, workflowBrowserGroup } from '#tests/helpers/browser'
import { chain, node, publishedWorkflow } from '#tests/helpers/workflows'
import { workflowService } from '#workflows/services/workflow_service'
import { runManually } from '#workflows/services/execution_service'
import type { WorkflowGraph } from '#workflows/engine/graph'

/** Quote: a form (amount, name) → logs an activity → returns { label }. */
function quoteGraph(nameKey = 'name', returned: Record<string, string> = { label: 'ok' }) {
  const graph = chain(
    node('start', 'manual', {
      fields: [
        { key: 'amount', label: 'Amount', type: 'number', required: true },
        { key: nameKey, label: 'Name', type: 'string', required: true },
      ],
    }),
    node('log', 'create_entity', { entity: 'activity', data: { subject: 'Quote' } }),
    node('answer', 'return', { values: returned })
  )
  graph.nodes.forEach((item, i) => (item.position = { x: i * 260, y: 0 }))
  return graph
}

function deskGraph(quoteId: number): WorkflowGraph {
  return chain(
    node('start', 'manual'),
    node('call', 'sub_workflow', {
      workflowId: quoteId,
      mode: 'sync',
      parameters: { amount: '{{trigger.total}}', name: '{{trigger.customer}}' },
    }),
    node('use', 'set_variables', { variables: { text: '{{steps.call.result.label}}' } })
  )
}

async function quoteAndDesk(tenantId: number, userId: number) {
  const quote = await publishedWorkflow(tenantId, userId, quoteGraph(), 'Quote')
  const desk = await publishedWorkflow(tenantId, userId, deskGraph(quote.id), 'Sales desk')
  return { quote, desk }
}

test.group('Workflow dependencies | browser', (group) => {
  const { browser } = workflowBrowserGroup(group)

  test('the publish dialog shows callers, executions and a broken mapping before confirming', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const { quote } = await quoteAndDesk(tenant.id, user.id)
    // Queued (no worker here): it keeps version 1.
    await runManually(quote, { amount: 3, name: 'Ada' })
    await workflowService.saveDraft(quote, quoteGraph('customerName', { amount: '1' }))

    const page = await openPage(browser(), user.email, `/workflows/${quote.id}`)
    await page.click('[data-testid=publish]')

    const impact = page.locator('[data-testid=publish-impact]')
    const callers = impact.locator('[data-testid=impact-callers]')
    await callers.waitFor()
    assert.include(await callers.innerText(), 'Sales desk')
    assert.include(await callers.innerText(), 'next calls run the new one')
    assert.include(
      await impact.locator('[data-testid=impact-executions]').innerText(),
      '1 unfinished execution'
    )
    const warnings = impact.locator('[data-testid=impact-warnings]')
    assert.include(
      await warnings.locator('[data-code=missing_parameter]').innerText(),
      'customerName'
    )
    assert.include(
      await warnings.locator('[data-code=missing_return_value]').innerText(),
      'result.label'
    )
    const publishLabel = await page.locator('[data-testid=publish-confirm]').innerText()
    assert.equal(publishLabel.trim(), 'Publish anyway')

    await page.click('[data-testid=publish-confirm]')
    await page.locator('.p-toast-summary', { hasText: 'Published version 2' }).waitFor()
    const reloaded = await db.from('workflows').where('id', quote.id).first()
    assert.equal(reloaded.latest_version_number, 2)

    // The toolbar links to the workflow's dependencies page.
    await page.click('[data-testid=dependencies-link]')
    await page.waitForURL(`${baseUrl()}/workflows/${quote.id}/dependencies`)
    await page.locator('[data-testid=dependency-graph]').waitFor()
    await page.close()
  })

  test('the dependencies page draws the workflow with its caller, records and events', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const { quote, desk } = await quoteAndDesk(tenant.id, user.id)

    // Reached from the version history header.
    const page = await openPage(browser(), user.email, `/workflows/${quote.id}/versions`)
    await page.click('[data-testid=link-dependencies]')
    await page.waitForURL(`${baseUrl()}/workflows/${quote.id}/dependencies`)

    const graph = page.locator('[data-testid=dependency-graph]')
    const box = (kind: string) => graph.locator(`[data-testid=dependency-node][data-kind=${kind}]`)
    await box('self').waitFor()
    assert.include(await box('self').innerText(), 'Quote')
    assert.include(await box('caller').innerText(), 'Sales desk')
    assert.include(await box('entity').innerText(), 'Activity')
    assert.include(await box('event').innerText(), 'activity.logged')
    assert.equal(await box('callee').count(), 0)
    // caller → Quote, Quote → Activity (writes), Quote → activity.logged (causes)
    assert.equal(await graph.locator('.vue-flow__edge').count(), 3)

    const callers = page.locator('[data-testid=callers]')
    assert.include(await callers.innerText(), 'latest version')

    // Follow the caller: its page shows Quote as a callee.
    await box('caller').click()
    await page.waitForURL(`${baseUrl()}/workflows/${desk.id}/dependencies`)
    await box('callee').waitFor()
    assert.include(await box('callee').innerText(), 'Quote')
    assert.equal(await box('caller').count(), 0)
    await page.close()
  })

  test('archiving from the list shows, per workflow, the callers that break before confirming', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const { quote, desk } = await quoteAndDesk(tenant.id, user.id)

    const page = await openPage(browser(), user.email, `/workflows`)
    const row = page.locator('[data-testid=workflow-table] tbody tr', { hasText: 'Quote' })
    await row.locator('input[type=checkbox]').check({ force: true })
    await page.locator('[data-testid=bulk-bar]').getByRole('button', { name: 'Archive' }).click()

    const report = page.locator(`[data-testid=archive-impact][data-workflow-id="${quote.id}"]`)
    await report.locator('[data-testid=impact-callers]').waitFor()
    assert.include(
      await report
        .locator(`[data-testid=impact-callers] [data-workflow-id="${desk.id}"]`)
        .innerText(),
      'its calls will fail'
    )
    assert.include(
      await report.locator('[data-testid=impact-warnings] [data-code=caller_breaks]').innerText(),
      'Sales desk'
    )
    const confirmButton = page.locator('[data-testid=archive-confirm]')
    const archiveLabel = await confirmButton.innerText()
    assert.equal(archiveLabel.trim(), 'Archive anyway')

    await confirmButton.click()
    await page.locator('.p-toast-summary', { hasText: 'archive: 1 of 1 done' }).waitFor()
    const archived = await db.from('workflows').where('id', quote.id).first()
    assert.equal(archived.status, 'archived')
    const untouched = await db.from('workflows').where('id', desk.id).first()
    assert.equal(untouched.status, 'active')
    await page.close()
  })
})
