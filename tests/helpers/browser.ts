import env from '#start/env'
import type { Group } from '@japa/runner/core'
import { chromium, type Browser, type Page } from 'playwright'
import { TEST_PASSWORD } from '#tests/helpers/tenancy'
import { resetWorkflowState } from '#tests/helpers/workflows'
import { closeProducers } from '#workflows/runtime/queue'

/** The test HTTP server's origin. */
export const baseUrl = () => `http://${env.get('HOST')}:${env.get('PORT')}`

/** The system Chromium (as root it needs --no-sandbox). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  })
}

/** Signs in through the login form and waits for the dashboard. */
export async function signIn(page: Page, email: string, password = TEST_PASSWORD) {
  await page.goto(`${baseUrl()}/login`)
  await page.fill('#email', email)
  await page.fill('#password', password)
  await page.click('button[type=submit]')
  await page.waitForURL(`${baseUrl()}/`)
}

/** Polls `check` (a bounded number of times) until it returns something truthy. */
export async function eventually<T>(
  check: () => Promise<T>,
  attempts = 200
): Promise<NonNullable<T>> {
  for (let i = 0; i < attempts; i++) {
    const value = await check()
    if (value) return value as NonNullable<T>
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('condition not met')
}

/**
 * One Chromium for a group of workflow browser tests, closed at the end with the queue
 * connections the tests opened; each test starts from an empty database, queues and caches.
 * `browser()` is the running browser (inside tests).
 */
export function workflowBrowserGroup(group: Group) {
  let browser: Browser | null = null
  group.setup(async () => {
    browser = await launchBrowser()
    return async () => {
      await browser?.close()
      browser = null
      await closeProducers()
    }
  })
  group.each.setup(() => resetWorkflowState())
  return {
    browser() {
      if (!browser) throw new Error('the browser runs only inside the group')
      return browser
    },
  }
}

/** Wide enough for the builder's palette, canvas and properties panel side by side. */
export const BUILDER_VIEWPORT = { width: 1600, height: 1000 }

/**
 * A new page (in its own browser context, closed with the page) signed in as `email`, on `path`
 * when given (else the dashboard). Errors thrown in the page are printed to the test output.
 */
export async function openPage(
  browser: Browser,
  email: string,
  path?: string,
  options: { viewport?: { width: number; height: number } } = {}
): Promise<Page> {
  const page = await browser.newPage(options.viewport ? { viewport: options.viewport } : {})
  page.on('pageerror', (error) => console.log('PAGEERROR', error.message))
  await signIn(page, email)
  if (path) await page.goto(`${baseUrl()}${path}`)
  return page
}

/** Resolves once the page subscribed to `channel` over Transmit (messages before are lost). */
export function subscribed(page: Page, channel: string) {
  return page.waitForResponse(
    (response) =>
      response.url().includes('/__transmit/subscribe') &&
      (response.request().postData() ?? '').includes(channel) &&
      response.ok()
  )
}
