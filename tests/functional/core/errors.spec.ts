import { test } from '@japa/runner'
import { createTenantWithUser, addMember } from '#tests/helpers/tenancy'
import { truncateAll } from '#tests/helpers/db'
import { inertiaPage } from '#tests/helpers/inertia'
import '#tests/helpers/probe_routes'

test.group('Errors: JSON for API clients', (group) => {
  group.each.setup(() => truncateAll())

  test('unknown API route is a JSON 404', async ({ client }) => {
    const response = await client.get('/api/does-not-exist')
    response.assertStatus(404)
    response.assertBody({
      errors: [{ code: 'E_ROUTE_NOT_FOUND', message: 'No such page or endpoint.' }],
    })
  })

  test('Accept: application/json gets JSON errors outside /api too', async ({ client }) => {
    const response = await client.get('/nowhere').header('accept', 'application/json')
    response.assertStatus(404)
    response.assertBodyContains({ errors: [{ code: 'E_ROUTE_NOT_FOUND' }] })
  })

  test('malformed JSON is a 400', async ({ client }) => {
    const { user } = await createTenantWithUser('owner')
    const response = await client
      .post('/api/_probe/builder-only')
      .unsafeJson('{"name": "unterminated')
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(400)
    response.assertBody({
      errors: [{ code: 'E_MALFORMED_JSON', message: 'The request body is not valid JSON.' }],
    })
  })

  test('a JSON scalar instead of an object is a 400 too', async ({ client }) => {
    const { user } = await createTenantWithUser('owner')
    const response = await client
      .post('/api/_probe/builder-only')
      .unsafeJson('"just a string"')
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(400)
    response.assertBodyContains({ errors: [{ code: 'E_MALFORMED_JSON' }] })
  })

  test('a body over the limit is a 413', async ({ client }) => {
    const { user } = await createTenantWithUser('owner')
    const response = await client
      .post('/api/_probe/builder-only')
      .json({ blob: 'x'.repeat(3 * 1024 * 1024) })
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(413)
    response.assertBodyContains({ errors: [{ code: 'E_REQUEST_ENTITY_TOO_LARGE' }] })
  })

  test('a well-formed body within the limit passes', async ({ client }) => {
    const { user } = await createTenantWithUser('owner')
    const response = await client
      .post('/api/_probe/builder-only')
      .json({ name: 'ok' })
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(200)
    response.assertBody({ ok: true, body: { name: 'ok' } })
  })

  test('a missing CSRF token on an API write is a 403 saying so', async ({ client }) => {
    const { user } = await createTenantWithUser('owner')
    const response = await client.post('/api/_probe/builder-only').json({}).loginAs(user)
    response.assertStatus(403)
    response.assertBodyContains({ errors: [{ code: 'E_BAD_CSRF_TOKEN' }] })
  })
})

test.group('Errors: pages for people', (group) => {
  group.each.setup(() => truncateAll())

  test('an unknown page renders the 404 page inside the signed-in shell', async ({
    client,
    assert,
  }) => {
    const { user, tenant } = await createTenantWithUser('owner')
    const response = await client.get('/no/such/page').loginAs(user)
    response.assertStatus(404)
    const page = inertiaPage(response)
    assert.equal(page.component, 'errors/not_found')
    assert.equal(page.props.user.id, user.id)
    assert.equal(page.props.tenant.id, tenant.id)
  })

  test("another tenant's record renders the 404 page, not its data", async ({ client, assert }) => {
    const a = await createTenantWithUser('owner')
    const b = await createTenantWithUser('owner')
    const response = await client.get(`/_probe/memberships/${b.membership.id}`).loginAs(a.user)
    response.assertStatus(404)
    assert.equal(inertiaPage(response).component, 'errors/not_found')
  })

  test('a role too low renders the 403 page', async ({ client, assert }) => {
    const { tenant } = await createTenantWithUser('owner')
    const viewer = await addMember(tenant, 'viewer')
    const response = await client.get('/_probe/builder-page').loginAs(viewer)
    response.assertStatus(403)
    const page = inertiaPage(response)
    assert.equal(page.component, 'errors/forbidden')
    assert.equal(page.props.message, 'Your role does not allow this action.')
  })

  test('an Inertia form post without CSRF token goes back with a toast', async ({
    client,
    assert,
  }) => {
    const { user } = await createTenantWithUser('owner')
    const response = await client
      .patch('/settings/theme')
      .header('x-inertia', 'true')
      .header('referer', '/')
      .json({ theme: 'dark' })
      .loginAs(user)
      .redirects(0)
    // Inertia turns 302 into 303 after PUT/PATCH/DELETE so the browser follows with GET.
    response.assertStatus(303)
    assert.equal(
      response.flashMessage('error'),
      'Missing or invalid CSRF token. Reload the page and try again.'
    )
  })
})
