import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { chromium, type Browser, type Page } from 'playwright'
import { waitForDispatches } from '#core/events/outbox'
import { dealService } from '#crm/services/deal_service'
import { pipelineService } from '#crm/services/pipeline_service'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser, TEST_PASSWORD } from '#tests/helpers/tenancy'

const baseUrl = () => `http://${env.get('HOST')}:${env.get('PORT')}`

/** Polls `check` (bounded) until it returns a truthy value; the page works asynchronously. */
async function eventually<T>(check: () => Promise<T>, attempts = 200): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await check()
    if (value) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('condition not met')
}

async function signIn(page: Page, email: string) {
  await page.goto(`${baseUrl()}/login`)
  await page.fill('#email', email)
  await page.fill('#password', TEST_PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL(`${baseUrl()}/`)
}

test.group('CRM | browser', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
    return () => browser.close()
  })
  group.each.setup(async () => {
    await truncateAll()
    return () => waitForDispatches()
  })

  test('create a lead from the list page', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const page = await browser.newPage()
    await signIn(page, user.email)
    await page.goto(`${baseUrl()}/crm/leads`)
    await page.click('[data-testid=new-lead]')
    await page.fill('#lead-name', 'Browser Lead')
    await page.fill('#lead-company', 'Clickers Inc')
    await page.click('[data-testid=lead-form] button[type=submit]')
    await page.waitForURL(/\/crm\/leads\/\d+$/)
    assert.equal(await page.textContent('[data-testid=lead-title]'), 'Browser Lead')

    const event = await eventually(() =>
      db.from('domain_events').where({ tenant_id: tenant.id, type: 'lead.created' }).first()
    )
    assert.equal(event.payload.entity.company, 'Clickers Inc')
    await page.close()
  })

  test('drag a deal to another stage on the pipeline board', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const deal = await dealService.create(tenant.id, { name: 'Draggable deal', amount: 50_000 })
    const page = await browser.newPage()
    await signIn(page, user.email)
    await page.goto(`${baseUrl()}/crm/pipeline`)
    await page.dragAndDrop(`[data-deal="${deal.id}"]`, '[data-stage="Proposal"]')

    const moved = await eventually(async () => {
      const row = await db.from('crm_deals').where('id', deal.id).first()
      const stage = await db.from('crm_deal_stages').where('id', row.stage_id).first()
      return stage.name === 'Proposal' ? stage : null
    })
    assert.equal(moved.name, 'Proposal')
    await page.locator(`[data-stage="Proposal"] [data-deal="${deal.id}"]`).waitFor()
    const event = await eventually(() =>
      db.from('domain_events').where({ tenant_id: tenant.id, type: 'deal.stage_changed' }).first()
    )
    assert.include(event.payload, { from: 'Prospecting', to: 'Proposal' })
    await page.close()
  })

  test('the board shows a deal moved elsewhere without a refresh', async () => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const deal = await dealService.create(tenant.id, { name: 'Remote deal' })
    const stages = await pipelineService.stages(tenant.id)
    const page = await browser.newPage()
    await signIn(page, user.email)
    await page.goto(`${baseUrl()}/crm/pipeline`)
    await page.locator(`[data-stage="Prospecting"] [data-deal="${deal.id}"]`).waitFor()
    // The channel subscription is a request of its own: wait until the page is quiet.
    await page.waitForLoadState('networkidle')

    // An automation (or a colleague) moves the deal.
    await dealService.moveStage(tenant.id, deal.id, stages[3].id)
    await page.locator(`[data-stage="Negotiation"] [data-deal="${deal.id}"]`).waitFor()
    await page.close()
  })

  test('win a deal from its page; the page updates to the closed state', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const deal = await dealService.create(tenant.id, { name: 'Winnable deal' })
    const page = await browser.newPage()
    await signIn(page, user.email)
    await page.goto(`${baseUrl()}/crm/deals/${deal.id}`)
    await page.click('[data-testid=deal-win]')
    await page.getByRole('button', { name: 'Yes' }).click()
    await page.locator('[data-testid=deal-status]', { hasText: 'Won' }).waitFor()
    await page.locator('[data-testid=deal-win]').waitFor({ state: 'detached' })

    const row = await db.from('crm_deals').where('id', deal.id).first()
    assert.equal(row.status, 'won')
    await page.close()
  })

  test('the deal page shows the Automation tab extension point', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const deal = await dealService.create(tenant.id, { name: 'Automated deal' })
    const page = await browser.newPage()
    await signIn(page, user.email)
    await page.goto(`${baseUrl()}/crm/deals/${deal.id}`)
    assert.equal(await page.textContent('[data-testid=deal-title]'), 'Automated deal')
    // Viewers see no write controls.
    assert.equal(await page.locator('[data-testid=deal-win]').count(), 0)
    await page.click('[data-testid=automation-tab]')
    await page.locator('[data-testid=record-automation]').waitFor()
    await page.close()
  })
})
