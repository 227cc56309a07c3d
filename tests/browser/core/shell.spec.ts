import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright'
import User from '#core/models/user'
import { broadcast } from '#core/realtime/broadcast'
import { truncateAll } from '#tests/helpers/db'
import { addMember, createTenant, createTenantWithUser } from '#tests/helpers/tenancy'
import { baseUrl, eventually, launchBrowser, signIn } from '#tests/helpers/browser'

const themeOf = async (id: number) => {
  const user = await User.findOrFail(id)
  return user.theme
}

const isDark = async (page: Page) => {
  const classes = await page.locator('html').getAttribute('class')
  return (classes ?? '').split(/\s+/).includes('app-dark')
}

test.group('App shell | browser', (group) => {
  let browser: Browser
  let page: Page
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })
  group.each.setup(async () => {
    await truncateAll()
    page = await browser.newPage()
    return () => page.close()
  })

  test('signing in shows the dashboard of the current tenant', async ({ assert }) => {
    const { user } = await createTenantWithUser('owner', { tenant: { name: 'Acme Freight' } })
    await signIn(page, user.email)
    await page.getByTestId('dashboard-title').waitFor()
    assert.equal(await page.getByTestId('dashboard-title').textContent(), 'Acme Freight')
    assert.equal(await page.getByTestId('role').textContent(), 'owner')
  })

  test('a wrong password shows an error on the login page', async ({ assert }) => {
    const { user } = await createTenantWithUser('owner')
    await page.goto(`${baseUrl()}/login`)
    await page.fill('#email', user.email)
    await page.fill('#password', 'not-the-password')
    await page.click('button[type=submit]')
    await page.getByTestId('login-error').waitFor()
    assert.equal(await page.getByTestId('login-error').innerText(), 'Invalid email or password.')
    assert.equal(new URL(page.url()).pathname, '/login')
  })

  test('dark mode toggles, is saved on the user and survives a reload', async ({ assert }) => {
    const { user } = await createTenantWithUser('viewer')
    await signIn(page, user.email)
    assert.isFalse(await isDark(page))

    await page.getByTestId('theme-toggle').click()
    assert.isTrue(await eventually(() => isDark(page)))
    await eventually(async () => (await themeOf(user.id)) === 'dark')

    await page.reload()
    assert.isTrue(await isDark(page))

    await page.getByTestId('theme-toggle').click()
    await eventually(async () => (await themeOf(user.id)) === 'light')
    await page.reload()
    assert.isFalse(await isDark(page))
  })

  test('the tenant switcher moves the user to another tenant', async ({ assert }) => {
    const { user } = await createTenantWithUser('owner', { tenant: { name: 'First Co' } })
    const second = await createTenant({ name: 'Second Co' })
    await addMember(second, 'viewer', user)

    await signIn(page, user.email)
    assert.equal(await page.getByTestId('dashboard-title').textContent(), 'First Co')

    await page.getByTestId('tenant-switcher').click()
    await page.getByRole('option', { name: 'Second Co' }).click()
    await eventually(
      async () => (await page.getByTestId('dashboard-title').textContent()) === 'Second Co'
    )
    assert.equal(await page.getByTestId('role').textContent(), 'viewer')
    await page.getByText('Now working in Second Co.').waitFor()
    const reloaded = await User.findOrFail(user.id)
    assert.equal(reloaded.currentTenantId, second.id)
  })

  test('navigation links lead to each module and sign-out ends the session', async ({ assert }) => {
    const { user } = await createTenantWithUser('owner')
    await signIn(page, user.email)

    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link', { name: 'Invoices' }).click()
    await page.waitForURL(`${baseUrl()}/invoices`)
    await nav.getByRole('link', { name: 'Dashboard' }).click()
    await page.waitForURL(`${baseUrl()}/`)
    await page.getByTestId('dashboard-title').waitFor()

    await page.getByTestId('user-menu').click()
    await page.getByRole('menuitem', { name: 'Sign out' }).click()
    await page.waitForURL(`${baseUrl()}/login`)
    await page.getByTestId('login-notice').waitFor()
    assert.equal(await page.getByTestId('login-notice').innerText(), 'You are signed out.')

    await page.goto(`${baseUrl()}/`)
    assert.equal(new URL(page.url()).pathname, '/login')
  })

  test('the dashboard refreshes live when its tenant channel reports activity', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    await signIn(page, user.email)
    const count = page.getByTestId('member-count')
    assert.equal(await count.textContent(), '1 member(s)')

    await addMember(tenant, 'viewer')
    // The page subscribes over the shared EventSource; keep announcing until it has subscribed
    // and reloaded (each broadcast is harmless).
    await eventually(async () => {
      broadcast(`tenants/${tenant.id}/executions`, { type: 'execution.updated' })
      return (await count.textContent()) === '2 member(s)'
    })
  })
})
