import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import drive from '@adonisjs/drive/services/main'
import { chromium, type Browser, type Page } from 'playwright'
import { waitForDispatches } from '#core/events/outbox'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser, TEST_PASSWORD } from '#tests/helpers/tenancy'
import { expenseService } from '#finance/services/expense_service'
import { invoiceService } from '#invoicing/services/invoice_service'
import { paymentService } from '#payments/services/payment_service'
import { inventoryService } from '#inventory/services/inventory_service'
import { createAccount } from '../../functional/invoicing/fixtures.js'

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

test.group('Host modules | browser', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
    return () => browser.close()
  })
  group.each.setup(async () => {
    await truncateAll()
    return () => waitForDispatches()
  })

  test('create an invoice with the form, send it and record the full payment', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    await createAccount(tenant.id, 'Browser Buyer GmbH')
    const page = await browser.newPage()
    await signIn(page, user.email)

    await page.goto(`${baseUrl()}/invoices`)
    await page.click('[data-testid=new-invoice]')
    await page.waitForURL(/\/invoices\/create$/)
    await page.click('[data-testid=invoice-account]')
    await page.getByRole('option', { name: 'Browser Buyer GmbH' }).click()
    await page.fill('[aria-label="Line 1 description"]', 'Pallet storage')
    await page.fill('[aria-label="Line 1 quantity"]', '3')
    await page.fill('[aria-label="Line 1 unit price"]', '120')
    await page.fill('[aria-label="Line 1 tax rate"]', '10')
    await page.click('[data-testid=invoice-total]')
    assert.include(await page.textContent('[data-testid=invoice-total]'), '396')
    await page.click('[data-testid=invoice-submit]')
    await page.waitForURL(/\/invoices\/\d+$/)

    const invoice = await eventually(() =>
      db.from('invoices').where('tenant_id', tenant.id).first()
    )
    assert.equal(Number(invoice.total), 39_600)
    assert.equal(await page.getAttribute('[data-testid=invoice-status]', 'data-status'), 'draft')

    await page.click('[data-testid=invoice-send]')
    await page.locator('[data-testid=invoice-status][data-status=sent]').waitFor()
    await page.click('[data-testid=invoice-record-payment]')
    await page.click('[data-testid=payment-submit]')
    await page.locator('[data-testid=invoice-status][data-status=paid]').waitFor()

    const types = await eventually(async () => {
      const rows = await db
        .from('domain_events')
        .where('tenant_id', tenant.id)
        .orderBy('occurred_at')
        .select('type')
      return rows.length === 4 ? rows.map((row) => row.type) : null
    })
    assert.deepEqual(types, ['invoice.created', 'invoice.sent', 'payment.received', 'invoice.paid'])

    // Attach a document to the invoice from its Documents tab (multipart upload).
    await page.getByRole('tab', { name: /Documents/ }).click()
    await page.click('[data-testid=invoice-attach]')
    await page.setInputFiles('[data-testid=document-file]', {
      name: 'signed-invoice.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 signed'),
    })
    await page.click('[data-testid=document-submit]')
    await page
      .locator('[data-testid=invoice-documents]', { hasText: 'signed-invoice.pdf' })
      .waitFor()
    const document = await db.from('documents').where('tenant_id', tenant.id).firstOrFail()
    assert.equal(document.owner_type, 'invoice')
    assert.equal(document.owner_id, String(invoice.id))
    await drive.use().deleteAll('tenants')
    await page.close()
  })

  test('an approver approves an expense; a builder records a stock issue', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('admin')
    const expense = await expenseService.submit(tenant.id, {
      description: 'Taxi to the port',
      category: 'travel',
      amount: 4_200,
    })
    const item = await inventoryService.createItem(tenant.id, {
      sku: 'PAL-1',
      name: 'Pallet',
      minimumStock: 5,
      initialStock: 8,
    })
    const page = await browser.newPage()
    await signIn(page, user.email)

    await page.goto(`${baseUrl()}/finance/expenses`)
    await page.click(`[data-testid=approve-${expense.id}]`)
    await eventually(async () => {
      const row = await db.from('expenses').where('id', expense.id).first()
      return row.status === 'approved'
    })

    await page.goto(`${baseUrl()}/inventory/items/${item.id}`)
    await page.getByRole('button', { name: 'Issue' }).click()
    await page.fill('[data-testid=movement-quantity] input', '4')
    await page.click('[data-testid=movement-submit]')
    await page.locator('[data-testid=stock-on-hand]', { hasText: '4' }).waitFor()
    const fresh = await db.from('inventory_items').where('id', item.id).first()
    assert.equal(fresh.stock_on_hand, 4)
    await page.close()
  })

  test('the invoice page refreshes itself when someone else records a payment', async () => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const accountId = await createAccount(tenant.id)
    const invoice = await invoiceService.create(tenant.id, {
      accountId,
      lines: [{ description: 'Service', quantity: 1, unitPrice: 10_000 }],
    })
    await invoiceService.send(tenant.id, invoice.id)
    const page = await browser.newPage()
    await signIn(page, user.email)
    // The page subscribes to the invoice's channel when it mounts; wait for the server's answer.
    const subscribed = page.waitForResponse(
      (response) => response.url().includes('/__transmit/subscribe') && response.ok()
    )
    await page.goto(`${baseUrl()}/invoices/${invoice.id}`)
    await subscribed
    await page.locator('[data-testid=invoice-status][data-status=sent]').waitFor()

    await paymentService.record(tenant.id, { invoiceId: invoice.id, amount: 10_000 })

    await page.locator('[data-testid=invoice-status][data-status=paid]').waitFor()
    await page.close()
  })
})
