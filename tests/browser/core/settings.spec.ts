import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright'
import Membership from '#core/models/membership'
import User from '#core/models/user'
import { truncateAll } from '#tests/helpers/db'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { baseUrl, eventually, launchBrowser, signIn } from '#tests/helpers/browser'

async function roleOf(userId: number) {
  const membership = await Membership.findByOrFail('user_id', userId)
  return membership.role
}

test.group('Settings | browser', (group) => {
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

  test('an admin adds a newcomer (one-time password shown) and changes a role', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser('owner')
    const admin = await addMember(tenant, 'admin')
    const viewer = await addMember(tenant, 'viewer')
    await signIn(page, admin.email)

    await page.goto(`${baseUrl()}/settings/members`)
    await page.fill('#member-email', 'newcomer@example.test')
    await page.getByRole('button', { name: 'Add' }).click()
    const notice = page.getByTestId('new-account')
    await notice.waitFor()
    assert.include(await notice.innerText(), 'newcomer@example.test')
    await User.findByOrFail('email', 'newcomer@example.test')

    await page.getByRole('combobox', { name: `Role of ${viewer.email}` }).click()
    await page.getByRole('option', { name: 'builder' }).click()
    await eventually(async () => (await roleOf(viewer.id)) === 'builder')
    await page.getByText('Role changed to builder.').waitFor()
  })

  test('a viewer sees the members but no controls', async ({ assert }) => {
    const { tenant } = await createTenantWithUser('owner')
    const viewer = await addMember(tenant, 'viewer')
    await signIn(page, viewer.email)
    await page.goto(`${baseUrl()}/settings/members`)
    await page.getByTestId('members-table').waitFor()
    assert.equal(await page.locator('#member-email').count(), 0)
    assert.equal(await page.getByRole('button', { name: /^Remove / }).count(), 0)
  })
})
