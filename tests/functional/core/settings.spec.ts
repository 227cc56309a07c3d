import { test } from '@japa/runner'
import User from '#core/models/user'
import { createTenantWithUser, createTenant, addMember } from '#tests/helpers/tenancy'
import { truncateAll } from '#tests/helpers/db'
import { inertiaPage } from '#tests/helpers/inertia'

test.group('Settings: theme', (group) => {
  group.each.setup(() => truncateAll())

  test('dark mode is saved on the user and shared with every page', async ({ client, assert }) => {
    const { user } = await createTenantWithUser('viewer')
    const response = await client
      .patch('/settings/theme')
      .header('accept', 'application/json')
      .json({ theme: 'dark' })
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(200)
    response.assertBody({ theme: 'dark' })
    await user.refresh()
    assert.equal(user.theme, 'dark')

    // The next page load carries it (the root template also sets the class before any script).
    const page = await client.get('/').loginAs(user)
    page.assertStatus(200)
    assert.include(page.text(), 'class="app-dark"')
  })

  test('an unknown theme is a 422 naming the field', async ({ client }) => {
    const { user } = await createTenantWithUser('owner')
    const response = await client
      .patch('/settings/theme')
      .header('accept', 'application/json')
      .json({ theme: 'purple' })
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'theme', code: 'E_VALIDATION_ERROR' }] })
  })
})

test.group('Tenant switcher', (group) => {
  group.each.setup(() => truncateAll())

  test('a member of two tenants switches and sees the other tenant', async ({ client, assert }) => {
    const { user } = await createTenantWithUser('owner', { tenant: { name: 'First Co' } })
    const second = await createTenant({ name: 'Second Co' })
    await addMember(second, 'viewer', user)

    const response = await client
      .post('/tenants/switch')
      .form({ tenantId: second.id })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/')
    assert.equal(response.flashMessage('success'), 'Now working in Second Co.')

    const reloaded = await User.findOrFail(user.id)
    assert.equal(reloaded.currentTenantId, second.id)

    // The shared props follow: tenant, role and the switcher's list.
    const page = await client.get('/').loginAs(reloaded)
    page.assertStatus(200)
    const { props } = inertiaPage(page)
    assert.equal(props.tenant.name, 'Second Co')
    assert.equal(props.role, 'viewer')
    assert.sameMembers(
      props.tenants.map((t: { name: string }) => t.name),
      ['First Co', 'Second Co']
    )
  })

  test('switching to a tenant the user does not belong to is a 404', async ({ client, assert }) => {
    const { user, tenant } = await createTenantWithUser('owner')
    const stranger = await createTenant()
    const response = await client
      .post('/tenants/switch')
      .header('accept', 'application/json')
      .json({ tenantId: stranger.id })
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(404)
    await user.refresh()
    assert.equal(user.currentTenantId, tenant.id)
  })
})
