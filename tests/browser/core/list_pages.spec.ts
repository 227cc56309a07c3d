import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser, Page } from 'playwright'
import { waitForDispatches } from '#core/events/outbox'
import { leadService } from '#crm/services/lead_service'
import { inventoryService } from '#inventory/services/inventory_service'
import { eventually, launchBrowser, openPage } from '#tests/helpers/browser'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'

/**
 * The host modules' list pages share their list state (core/use_list_query.ts) and toolbar:
 * search, status filter, sort and page live in the URL, survive a reload, and a new search,
 * filter or order starts at page 1. One CRM list (sortField/sortOrder parameters) and one of the
 * other modules (sort/order). Their create/edit dialogs share core/use_record_dialog.ts (pages
 * own the budget dialog; the project dialog is a component the list and the project page open).
 */

const pad = (n: number) => String(n).padStart(2, '0')

/** Resolves once the address has exactly these query parameters (the list reloaded). */
async function waitForQuery(page: Page, expected: Record<string, string>) {
  await page.waitForURL((url) => {
    const actual = Object.fromEntries(url.searchParams)
    return (
      JSON.stringify(actual, Object.keys(actual).sort()) ===
      JSON.stringify(expected, Object.keys(expected).sort())
    )
  })
}

/**
 * Waits until the table shows `count` rows starting with `first` and returns their first cells
 * (the address changes a moment before the new rows render).
 */
async function waitForRows(page: Page, table: string, count: number, first?: string) {
  const cells = page.locator(`[data-testid=${table}] tbody tr td:first-child`)
  let seen: string[] = []
  try {
    await eventually(async () => {
      const texts = await cells.allInnerTexts()
      seen = texts.map((text) => text.trim())
      return seen.length === count && (first === undefined || seen[0] === first)
    })
  } catch {
    throw new Error(`${table}: expected ${count} rows from ${first}, saw ${seen.join(', ')}`)
  }
  return seen
}

async function chooseStatus(page: Page, label: string) {
  await page.click('[data-testid=list-status]')
  await page.getByRole('option', { name: label }).click()
}

test.group('Host-module list pages | browser', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })
  group.each.setup(async () => {
    await truncateAll()
    return () => waitForDispatches()
  })

  test('CRM leads: sort, page, search and status filter in the URL', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    for (let i = 1; i <= 25; i++) await leadService.create(tenant.id, { name: `Lead ${pad(i)}` })
    await db
      .from('crm_leads')
      .where('tenant_id', tenant.id)
      .whereIn('name', ['Lead 01', 'Lead 02', 'Lead 03'])
      .update({ status: 'qualified' })
    const page = await openPage(browser, user.email, '/crm/leads')
    await waitForRows(page, 'leads-table', 20)

    await page.getByRole('columnheader', { name: 'Name' }).click()
    await waitForQuery(page, { sortField: 'name', sortOrder: 'asc' })
    await waitForRows(page, 'leads-table', 20, 'Lead 01')

    await page.getByRole('button', { name: 'Page 2' }).click()
    await waitForQuery(page, { sortField: 'name', sortOrder: 'asc', page: '2' })
    assert.deepEqual(
      await waitForRows(page, 'leads-table', 5, 'Lead 21'),
      [21, 22, 23, 24, 25].map((n) => `Lead ${n}`)
    )

    // A search starts again at page 1 and keeps the order.
    await page.fill('[data-testid=list-search]', 'Lead 1')
    await waitForQuery(page, { search: 'Lead 1', sortField: 'name', sortOrder: 'asc' })
    await waitForRows(page, 'leads-table', 10, 'Lead 10')

    await page.fill('[data-testid=list-search]', '')
    await chooseStatus(page, 'Qualified')
    await waitForQuery(page, { status: 'qualified', sortField: 'name', sortOrder: 'asc' })
    assert.deepEqual(await waitForRows(page, 'leads-table', 3, 'Lead 01'), [
      'Lead 01',
      'Lead 02',
      'Lead 03',
    ])

    // The state comes back from the address.
    await page.reload()
    await waitForRows(page, 'leads-table', 3, 'Lead 01')
    assert.include(await page.textContent('[data-testid=list-status]'), 'Qualified')
    await page.close()
  })

  test('inventory items: sort, page, search and status filter in the URL', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    for (let i = 1; i <= 25; i++) {
      await inventoryService.createItem(tenant.id, {
        sku: `SKU-${pad(i)}`,
        name: `Item ${pad(26 - i)}`,
        minimumStock: i <= 3 ? 10 : 0,
        initialStock: 5,
      })
    }
    const page = await openPage(browser, user.email, '/inventory/items')
    await waitForRows(page, 'items-table', 20, 'SKU-01')

    await page.getByRole('columnheader', { name: 'Name' }).click()
    await waitForQuery(page, { sort: 'name', order: 'asc' })
    await waitForRows(page, 'items-table', 20, 'SKU-25')
    await page.getByRole('button', { name: 'Page 2' }).click()
    await waitForQuery(page, { sort: 'name', order: 'asc', page: '2' })
    await waitForRows(page, 'items-table', 5, 'SKU-05')

    // Sorting again (descending) starts at page 1.
    await page.getByRole('columnheader', { name: 'Name' }).click()
    await waitForQuery(page, { sort: 'name', order: 'desc' })
    await waitForRows(page, 'items-table', 20, 'SKU-01')

    await chooseStatus(page, 'Below minimum')
    await waitForQuery(page, { status: 'below_minimum', sort: 'name', order: 'desc' })
    assert.deepEqual(await waitForRows(page, 'items-table', 3, 'SKU-01'), [
      'SKU-01',
      'SKU-02',
      'SKU-03',
    ])

    await page.fill('[data-testid=list-search]', 'SKU-02')
    await waitForQuery(page, {
      search: 'SKU-02',
      status: 'below_minimum',
      sort: 'name',
      order: 'desc',
    })
    await waitForRows(page, 'items-table', 1, 'SKU-02')

    await page.reload()
    await waitForRows(page, 'items-table', 1, 'SKU-02')
    assert.equal(await page.inputValue('[data-testid=list-search]'), 'SKU-02')
    await page.close()
  })

  test('a budget is created, refused while invalid, and edited through its dialog', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const page = await openPage(browser, user.email, '/finance/budgets')

    await page.click('[data-testid=new-budget]')
    await page.click('[data-testid=budget-form] button[type=submit]')
    // Refused: the dialog stays open with the server's messages.
    await page.locator('[data-testid=budget-form] .field-error').first().waitFor()

    await page.fill('#budget-name', 'Port fees')
    await page.fill('#budget-start', '2026-01-01')
    await page.keyboard.press('Escape')
    await page.fill('#budget-end', '2026-12-31')
    await page.keyboard.press('Escape')
    await page.fill('#budget-limit', '1500')
    await page.click('[data-testid=budget-form] button[type=submit]')
    await page.locator('[data-testid=budget-form]').waitFor({ state: 'detached' })
    await waitForRows(page, 'budgets-table', 1, 'Port fees')
    const created = await db.from('budgets').where('tenant_id', tenant.id).firstOrFail()
    assert.equal(Number(created.limit_amount), 150_000)

    // Editing fills the form from the row; saving puts to the row's URL.
    await page.getByRole('button', { name: 'Edit budget' }).click()
    assert.equal(await page.inputValue('#budget-name'), 'Port fees')
    await page.fill('#budget-name', 'Port and harbour fees')
    await page.click('[data-testid=budget-form] button[type=submit]')
    await page.locator('[data-testid=budget-form]').waitFor({ state: 'detached' })
    await waitForRows(page, 'budgets-table', 1, 'Port and harbour fees')
    assert.lengthOf(await db.from('budgets').where('tenant_id', tenant.id), 1)

    // A new one starts blank again.
    await page.click('[data-testid=new-budget]')
    assert.equal(await page.inputValue('#budget-name'), '')
    await page.close()
  })

  test('a project is created from the list and edited from its page with the same dialog', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const page = await openPage(browser, user.email, '/projects')

    await page.click('[data-testid=new-project]')
    await page.click('[data-testid=project-submit]')
    // Refused: the dialog stays open with the server's messages.
    await page.locator('[data-testid=project-form] .field-error').first().waitFor()

    await page.fill('#project-name', 'Warehouse move')
    await page.fill('#project-budget', '2500')
    await page.click('[data-testid=project-submit]')
    // Created: the project's page opens.
    await page.waitForURL(/\/projects\/\d+$/)
    const created = await db.from('projects').where('tenant_id', tenant.id).firstOrFail()
    assert.equal(Number(created.budget_amount), 250_000)

    // Editing fills the form from the project; saving puts to its URL and closes the dialog.
    await page.click('[data-testid=edit-project]')
    assert.equal(await page.inputValue('#project-name'), 'Warehouse move')
    await page.fill('#project-name', 'Warehouse move, phase 1')
    await page.click('[data-testid=project-submit]')
    await page.locator('[data-testid=project-form]').waitFor({ state: 'detached' })
    await page.getByRole('heading', { name: 'Warehouse move, phase 1' }).waitFor()
    const projects = await db.from('projects').where('tenant_id', tenant.id)
    assert.deepEqual(
      projects.map((row) => [row.name, Number(row.budget_amount)]),
      [['Warehouse move, phase 1', 250_000]]
    )
    await page.close()
  })
})
