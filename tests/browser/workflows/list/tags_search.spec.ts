import { test } from '@japa/runner'
import type { Page } from 'playwright'
import db from '@adonisjs/lucid/services/db'
import type Tenant from '#core/models/tenant'
import { workflowService } from '#workflows/services/workflow_service'
import {
  BUILDER_VIEWPORT,
  baseUrl,
  eventually,
  openPage,
  workflowBrowserGroup,
} from '#tests/helpers/browser'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import { chain, node } from '#tests/helpers/workflows'

async function workflow(tenant: Tenant, name: string, trigger: string, tags: string[] = []) {
  const graph = chain(node('start', trigger), node('act', 'set_variables', { variables: {} }))
  graph.nodes[1].position = { x: 300, y: 0 }
  return workflowService.create(tenant.id, null, { name, tags, graph })
}

const rows = (page: Page) => page.locator('[data-testid=workflow-table] tbody tr')

/** Names of the listed workflows, once the table shows exactly `count` rows. */
async function listed(page: Page, count: number) {
  await eventually(async () => (await rows(page).count()) === count)
  const names = await rows(page).locator('.wf-list__name').allTextContents()
  return names.map((name) => name.trim()).sort()
}

test.group('Workflow list filters, tags and top-bar search | browser', (group) => {
  const { browser } = workflowBrowserGroup(group)

  test('filter the list by trigger and tag; the filters are in the URL; clear them', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    await workflow(tenant, 'Dunning', 'schedule', ['finance'])
    await workflow(tenant, 'Payment hook', 'webhook', ['finance', 'bank'])
    await workflow(tenant, 'Lead intake', 'webhook', ['crm'])
    await workflow(tenant, 'Manual export', 'manual')

    const page = await openPage(browser(), user.email, '/workflows')
    assert.lengthOf(await listed(page, 4), 4)
    const paymentRow = rows(page).filter({ hasText: 'Payment hook' })
    const chips = await paymentRow.locator('[data-testid=row-tag]').allTextContents()
    assert.deepEqual(
      chips.map((chip) => chip.trim()),
      ['finance', 'bank']
    )

    await page.getByRole('combobox', { name: 'Trigger' }).click()
    await page.getByRole('option', { name: 'Webhook' }).click()
    await page.waitForURL(/trigger=webhook/)
    assert.deepEqual(await listed(page, 2), ['Lead intake', 'Payment hook'])

    await page.locator('[data-testid=tag-filter]').click()
    await page.getByRole('option', { name: 'finance' }).click()
    await page.keyboard.press('Escape')
    await page.waitForURL(/tags=finance/)
    assert.deepEqual(await listed(page, 1), ['Payment hook'])

    // Bookmarkable: the same URL opens with the same filters.
    await page.reload()
    assert.deepEqual(await listed(page, 1), ['Payment hook'])
    assert.include(await page.getByRole('combobox', { name: 'Trigger' }).textContent(), 'Webhook')

    await page.click('[data-testid=clear-filters]')
    await page.waitForURL((url) => !url.search.includes('trigger='))
    assert.lengthOf(await listed(page, 4), 4)
    assert.equal(await page.locator('[data-testid=clear-filters]').count(), 0)

    // A tag chip on a row filters by that tag.
    await rows(page)
      .filter({ hasText: 'Lead intake' })
      .locator('[data-testid=row-tag]', { hasText: 'crm' })
      .click()
    await page.waitForURL(/tags=crm/)
    assert.deepEqual(await listed(page, 1), ['Lead intake'])
    await page.close()
  })

  test('tags are edited in the workflow settings dialog, suggested from the tenant', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    await workflow(tenant, 'Tagged elsewhere', 'manual', ['crm-sync'])
    const target = await workflow(tenant, 'To tag', 'manual', ['old'])

    const page = await openPage(browser(), user.email, `/workflows/${target.id}`, {
      viewport: BUILDER_VIEWPORT,
    })
    await page.click('[data-testid=workflow-settings-button]')
    const input = page.locator('#wf-settings-tags')
    await input.waitFor()
    await page.locator('[data-testid=tag-input]').getByText('old').waitFor()

    // A new tag: typed, normalised, added with Enter.
    await input.fill('  Finance ')
    await page.locator('.p-autocomplete-option', { hasText: 'Create “finance”' }).waitFor()
    await input.press('Enter')
    await page.locator('[data-testid=tag-input]').getByText('finance').waitFor()

    // An existing tag of the tenant is suggested.
    await input.fill('crm')
    await page.locator('.p-autocomplete-option', { hasText: /^crm-sync$/ }).click()
    await page.locator('[data-testid=tag-input]').getByText('crm-sync').waitFor()

    await page.click('[data-testid=wf-settings-save]')
    await input.waitFor({ state: 'detached' })
    const row = await db.from('workflows').where('id', target.id).first()
    assert.deepEqual(row.tags, ['old', 'finance', 'crm-sync'])

    // In the builder "/" stays the palette's search; the top-bar search is Ctrl+K there.
    await page.locator('[data-testid=wf-node]').first().click()
    await page.keyboard.press('/')
    await page.locator('[data-testid=palette] input:focus').waitFor()
    assert.equal(await page.locator('[data-testid=global-search-input]:focus').count(), 0)
    await page.close()
  })

  test('the top-bar search finds workflows from any page, by keyboard, within the tenant', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    await workflow(tenant, 'Invoice reminders', 'schedule', ['dunning'])
    const copies = await workflow(tenant, 'Send invoice copies', 'manual')
    await workflow(tenant, 'Approvals', 'webhook', ['invoice-flow'])
    const other = await createTenantWithUser('owner')
    await workflow(other.tenant, 'Invoice secrets', 'manual', ['invoice'])

    const page = await openPage(browser(), user.email)
    const input = page.locator('[data-testid=global-search-input]')
    const results = page.locator('[data-testid=global-search-result]')

    // "/" outside a field focuses the search box (here on the dashboard).
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('/')
    await page.locator('[data-testid=global-search-input]:focus').waitFor()
    await page.keyboard.type('invoice')
    await page.locator('[data-testid=global-search-all]').waitFor()
    assert.deepEqual(await results.locator('.gws__name').allTextContents(), [
      'Invoice reminders',
      'Send invoice copies',
      'Approvals',
    ])
    const first = await results.first().textContent()
    assert.include(first, 'Schedule')
    assert.include(first, 'draft')
    assert.include(first, 'dunning')
    assert.include(await page.locator('[data-testid=global-search-all]').textContent(), '(3)')

    // Arrow down to the second result; Enter opens its builder.
    await input.press('ArrowDown')
    assert.equal(await results.nth(1).getAttribute('aria-selected'), 'true')
    await input.press('Enter')
    await page.waitForURL(`${baseUrl()}/workflows/${copies.id}`)
    await page.locator('[data-testid=wf-node]').first().waitFor()

    // Ctrl+K from the builder; "See all results" opens the list searched by the same text.
    await page.keyboard.press('Control+k')
    await page.locator('[data-testid=global-search-input]:focus').waitFor()
    await page.keyboard.type('dunning')
    await results.first().waitFor()
    assert.equal(await results.count(), 1)
    await page.locator('[data-testid=global-search-all]').click()
    await page.waitForURL(/\/workflows\?q=dunning/)
    assert.equal(await page.inputValue('[data-testid=workflow-search]'), 'dunning')
    assert.deepEqual(await listed(page, 1), ['Invoice reminders'])

    // Nothing from another tenant, even when its name matches.
    await input.fill('secrets')
    await page.locator('.gws__empty').waitFor()
    assert.equal(await results.count(), 0)
    await page.close()
  })
})
