import { test } from '@japa/runner'
import Membership from '#core/models/membership'
import User from '#core/models/user'
import { truncateAll } from '#tests/helpers/db'
import { addMember, createTenantWithUser, createUser, TEST_PASSWORD } from '#tests/helpers/tenancy'
import { inertiaPage } from '#tests/helpers/inertia'

const json = { accept: 'application/json' }

test.group('Members and roles', (group) => {
  group.each.setup(() => truncateAll())

  test('every member sees the member list of their tenant only', async ({ client, assert }) => {
    const { tenant, user: owner } = await createTenantWithUser('owner')
    const viewer = await addMember(tenant, 'viewer')
    const other = await createTenantWithUser('owner')

    const response = await client.get('/settings/members').headers(json).loginAs(viewer)
    response.assertStatus(200)
    const emails = response.body().data.map((m: { email: string }) => m.email)
    assert.sameMembers(emails, [owner.email, viewer.email])
    assert.notInclude(emails, other.user.email)

    const page = await client.get('/settings/members').loginAs(viewer)
    assert.equal(inertiaPage(page).component, 'settings/members')
  })

  test('an admin adds an existing user and changes roles below owner', async ({
    client,
    assert,
  }) => {
    const { tenant } = await createTenantWithUser('owner')
    const admin = await addMember(tenant, 'admin')
    const newcomer = await createUser()

    const added = await client
      .post('/settings/members')
      .headers(json)
      .json({ email: newcomer.email.toUpperCase(), role: 'builder' })
      .loginAs(admin)
      .withCsrfToken()
    added.assertStatus(201)
    const membershipId = added.body().id

    const changed = await client
      .patch(`/settings/members/${membershipId}`)
      .headers(json)
      .json({ role: 'approver' })
      .loginAs(admin)
      .withCsrfToken()
    changed.assertStatus(200)
    const membership = await Membership.findOrFail(membershipId)
    assert.equal(membership.role, 'approver')

    const duplicate = await client
      .post('/settings/members')
      .headers(json)
      .json({ email: newcomer.email, role: 'viewer' })
      .loginAs(admin)
      .withCsrfToken()
    duplicate.assertStatus(409)

    assert.isNull(added.body().temporaryPassword)
  })

  test('adding an email without an account creates one with a one-time password', async ({
    client,
    assert,
  }) => {
    const { user: owner } = await createTenantWithUser('owner')
    const added = await client
      .post('/settings/members')
      .headers(json)
      .json({ email: 'new.person@example.test', role: 'approver' })
      .loginAs(owner)
      .withCsrfToken()
    added.assertStatus(201)
    const password = added.body().temporaryPassword as string
    assert.isString(password)

    const created = await User.findByOrFail('email', 'new.person@example.test')
    assert.notInclude(created.password, password)
    const login = await client
      .post('/login')
      .form({ email: 'new.person@example.test', password })
      .withCsrfToken()
      .redirects(0)
    login.assertStatus(302)
    login.assertHeader('location', '/')
  })

  test('builders and below cannot manage members', async ({ client }) => {
    const { tenant } = await createTenantWithUser('owner')
    const builder = await addMember(tenant, 'builder')
    const viewer = await addMember(tenant, 'viewer')
    const viewerMembership = await Membership.findByOrFail('user_id', viewer.id)

    const response = await client
      .patch(`/settings/members/${viewerMembership.id}`)
      .headers(json)
      .json({ role: 'admin' })
      .loginAs(builder)
      .withCsrfToken()
    response.assertStatus(403)
  })

  test('only owners grant or touch the owner role', async ({ client }) => {
    const { tenant, membership: ownerMembership } = await createTenantWithUser('owner')
    const admin = await addMember(tenant, 'admin')
    const viewer = await addMember(tenant, 'viewer')
    const viewerMembership = await Membership.findByOrFail('user_id', viewer.id)

    const promote = await client
      .patch(`/settings/members/${viewerMembership.id}`)
      .headers(json)
      .json({ role: 'owner' })
      .loginAs(admin)
      .withCsrfToken()
    promote.assertStatus(403)
    promote.assertBodyContains({
      errors: [{ message: 'Only an owner can make someone an owner.' }],
    })

    const removeOwner = await client
      .delete(`/settings/members/${ownerMembership.id}`)
      .headers(json)
      .loginAs(admin)
      .withCsrfToken()
    removeOwner.assertStatus(403)
  })

  test('the last owner can neither leave nor be demoted', async ({ client, assert }) => {
    const { user: owner, membership } = await createTenantWithUser('owner')
    const demote = await client
      .patch(`/settings/members/${membership.id}`)
      .headers(json)
      .json({ role: 'admin' })
      .loginAs(owner)
      .withCsrfToken()
    demote.assertStatus(409)
    demote.assertBodyContains({ errors: [{ code: 'E_LAST_OWNER' }] })

    const leave = await client
      .delete(`/settings/members/${membership.id}`)
      .headers(json)
      .loginAs(owner)
      .withCsrfToken()
    leave.assertStatus(409)
    const kept = await Membership.findOrFail(membership.id)
    assert.equal(kept.role, 'owner')
  })

  test("another tenant's membership is a 404 even for its id", async ({ client, assert }) => {
    const { user: owner } = await createTenantWithUser('owner')
    const other = await createTenantWithUser('owner')
    const victim = await addMember(other.tenant, 'viewer')
    const victimMembership = await Membership.findByOrFail('user_id', victim.id)

    for (const request of [
      client.patch(`/settings/members/${victimMembership.id}`).json({ role: 'admin' }),
      client.delete(`/settings/members/${victimMembership.id}`),
    ]) {
      const response = await request.headers(json).loginAs(owner).withCsrfToken()
      response.assertStatus(404)
    }
    const untouched = await Membership.findOrFail(victimMembership.id)
    assert.equal(untouched.role, 'viewer')
  })

  test('a removed member loses access at once', async ({ client }) => {
    const { tenant, user: owner } = await createTenantWithUser('owner')
    const member = await addMember(tenant, 'builder')
    const membership = await Membership.findByOrFail('user_id', member.id)

    const removed = await client
      .delete(`/settings/members/${membership.id}`)
      .headers(json)
      .loginAs(owner)
      .withCsrfToken()
    removed.assertStatus(200)

    const after = await client.get('/settings/members').headers(json).loginAs(member)
    after.assertStatus(403)
    after.assertBodyContains({ errors: [{ code: 'E_NO_MEMBERSHIP' }] })
  })
})

test.group('Password change', (group) => {
  group.each.setup(() => truncateAll())

  test('needs the current password, then the new one works', async ({ client }) => {
    const { user } = await createTenantWithUser('viewer')
    const wrong = await client
      .patch('/settings/password')
      .headers(json)
      .json({
        currentPassword: 'not-it',
        password: 'a-brand-new-secret',
        passwordConfirmation: 'a-brand-new-secret',
      })
      .loginAs(user)
      .withCsrfToken()
    wrong.assertStatus(422)
    wrong.assertBodyContains({ errors: [{ field: 'currentPassword' }] })

    const mismatch = await client
      .patch('/settings/password')
      .headers(json)
      .json({
        currentPassword: TEST_PASSWORD,
        password: 'a-brand-new-secret',
        passwordConfirmation: 'something-else',
      })
      .loginAs(user)
      .withCsrfToken()
    mismatch.assertStatus(422)

    const changed = await client
      .patch('/settings/password')
      .headers(json)
      .json({
        currentPassword: TEST_PASSWORD,
        password: 'a-brand-new-secret',
        passwordConfirmation: 'a-brand-new-secret',
      })
      .loginAs(user)
      .withCsrfToken()
    changed.assertStatus(200)

    const login = await client
      .post('/login')
      .headers(json)
      .json({ email: user.email, password: 'a-brand-new-secret' })
      .withCsrfToken()
      .redirects(0)
    login.assertStatus(302)
    const old = await client
      .post('/login')
      .headers(json)
      .json({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
    old.assertStatus(400)
  })
})

test.group('Profile settings', (group) => {
  group.each.setup(() => truncateAll())

  test('name and time zone are saved; unknown zones are refused', async ({ client, assert }) => {
    const { user } = await createTenantWithUser('viewer')
    const saved = await client
      .patch('/settings/profile')
      .headers(json)
      .json({ fullName: 'Grace Hopper', timezone: 'America/New_York' })
      .loginAs(user)
      .withCsrfToken()
    saved.assertStatus(200)
    const reloaded = await User.findOrFail(user.id)
    assert.equal(reloaded.timezone, 'America/New_York')
    assert.equal(reloaded.fullName, 'Grace Hopper')

    const bad = await client
      .patch('/settings/profile')
      .headers(json)
      .json({ fullName: 'X', timezone: 'Mars/Olympus' })
      .loginAs(user)
      .withCsrfToken()
    bad.assertStatus(422)
    bad.assertBodyContains({ errors: [{ field: 'timezone' }] })

    const page = await client.get('/settings').loginAs(reloaded)
    const { props } = inertiaPage(page)
    assert.equal(props.user.timezone, 'America/New_York')
    assert.include(props.timezones, 'Europe/Berlin')
  })
})
