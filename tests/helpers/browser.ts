import env from '#start/env'
import { chromium, type Browser, type Page } from 'playwright'
import { TEST_PASSWORD } from '#tests/helpers/tenancy'

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
export async function eventually<T>(check: () => Promise<T>, attempts = 200): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await check()
    if (value) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('condition not met')
}
