import { test } from '@japa/runner'
import Tenant from '#core/models/tenant'
import { createTenantWithUser, addMember, createUser } from '#tests/helpers/tenancy'
import { truncateAll } from '#tests/helpers/db'
import '#tests/helpers/probe_routes'

test.group('Tenancy (C1)', (group) => {
  group.each.setup(() => truncateAll())

  test('tenant middleware resolves the current tenant and role', async ({ client }) => {
    const { tenant, user } = await createTenantWithUser('approver')
    const response = await client.get('/api/_probe/whoami').loginAs(user)
    response.assertStatus(200)
    response.assertBody({ tenantId: tenant.id, role: 'approver' })
  })

  test('falls back to the first membership when the current tenant is gone', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const other = await Tenant.create({
      name: 'Other',
      slug: 'other-x',
      timezone: 'UTC',
      currency: 'EUR',
    })
    user.currentTenantId = other.id // not a member there
    await user.save()
    const response = await client.get('/api/_probe/whoami').loginAs(user)
    response.assertBody({ tenantId: tenant.id, role: 'owner' })
    await user.refresh()
    assert.equal(user.currentTenantId, tenant.id)
  })

  test('a user without membership gets 403', async ({ client }) => {
    const user = await createUser()
    const response = await client.get('/api/_probe/whoami').loginAs(user)
    response.assertStatus(403)
    response.assertBodyContains({ errors: [{ code: 'E_NO_MEMBERSHIP' }] })
  })

  test('guests get 401 JSON on /api routes', async ({ client }) => {
    const response = await client.get('/api/_probe/whoami')
    response.assertStatus(401)
    response.assertBodyContains({ errors: [{ code: 'E_UNAUTHORIZED_ACCESS' }] })
  })

  test('atLeast denies roles below the minimum with 403', async ({ client }) => {
    const { tenant, user: owner } = await createTenantWithUser('owner')
    const viewer = await addMember(tenant, 'viewer')
    const builder = await addMember(tenant, 'builder')

    const denied = await client.post('/api/_probe/builder-only').loginAs(viewer).withCsrfToken()
    denied.assertStatus(403)
    denied.assertBodyContains({ errors: [{ code: 'E_AUTHORIZATION_FAILURE' }] })

    for (const allowed of [builder, owner]) {
      const response = await client
        .post('/api/_probe/builder-only')
        .loginAs(allowed)
        .withCsrfToken()
      response.assertStatus(200)
    }
  })

  test("another tenant's row is a 404, as is a malformed id", async ({ client }) => {
    const a = await createTenantWithUser('owner')
    const b = await createTenantWithUser('owner')

    const own = await client.get(`/api/_probe/memberships/${a.membership.id}`).loginAs(a.user)
    own.assertStatus(200)
    own.assertBody({ id: a.membership.id })

    const foreign = await client.get(`/api/_probe/memberships/${b.membership.id}`).loginAs(a.user)
    foreign.assertStatus(404)
    foreign.assertBodyContains({ errors: [{ code: 'E_ROW_NOT_FOUND' }] })

    const malformed = await client.get('/api/_probe/memberships/not-a-number').loginAs(a.user)
    malformed.assertStatus(404)
  })
})
