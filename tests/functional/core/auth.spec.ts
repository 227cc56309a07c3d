import { test } from '@japa/runner'
import { createTenantWithUser, TEST_PASSWORD } from '#tests/helpers/tenancy'
import { truncateAll } from '#tests/helpers/db'
import { LOGIN_ATTEMPTS, loginThrottle, loginThrottleKey } from '#core/services/login_throttle'

test.group('Auth: sign in and out', (group) => {
  // Every test signs in with a fresh random email, so throttle keys in Redis never collide;
  // tests that fill one delete it again.
  group.each.setup(() => truncateAll())

  test('signs in with valid credentials and lands on the dashboard', async ({ client, assert }) => {
    const { user } = await createTenantWithUser('owner')
    const response = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/')
    assert.equal(response.session('auth_web'), user.id)
  })

  test('email is matched case-insensitively after trimming', async ({ client, assert }) => {
    const { user } = await createTenantWithUser('owner', {
      user: { email: 'Mixed.Case@Example.test' },
    })
    const response = await client
      .post('/login')
      .header('accept', 'application/json')
      .json({ email: '  MIXED.case@example.TEST  ', password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.equal(user.email, 'mixed.case@example.test')
    assert.equal(response.session('auth_web'), user.id)
  })

  test('a wrong password is refused with a clear message', async ({ client }) => {
    const { user } = await createTenantWithUser('owner')
    const response = await client
      .post('/login')
      .header('accept', 'application/json')
      .json({ email: user.email, password: 'wrong-password' })
      .withCsrfToken()
    response.assertStatus(400)
    response.assertBodyContains({
      errors: [{ code: 'E_INVALID_CREDENTIALS', message: 'Invalid email or password.' }],
    })
  })

  test('a wrong password on the login form goes back with the error', async ({ client }) => {
    const { user } = await createTenantWithUser('owner')
    const response = await client
      .post('/login')
      .header('referer', '/login')
      .form({ email: user.email, password: 'wrong-password' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
    response.assertFlashMessage('errorsBag', {
      E_INVALID_CREDENTIALS: 'Invalid email or password.',
    })
  })

  test('missing fields answer 422 with field paths', async ({ client, assert }) => {
    const response = await client
      .post('/login')
      .header('accept', 'application/json')
      .json({ email: 'not-an-email' })
      .withCsrfToken()
    response.assertStatus(422)
    const fields = (response.body().errors as { field: string }[]).map((error) => error.field)
    response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR' }] })
    assert.sameMembers(fields, ['email', 'password'])
  })

  test('a login without CSRF token is refused with 403', async ({ client }) => {
    const { user } = await createTenantWithUser('owner')
    const response = await client
      .post('/login')
      .header('accept', 'application/json')
      .json({ email: user.email, password: TEST_PASSWORD })
    response.assertStatus(403)
    response.assertBodyContains({
      errors: [
        {
          code: 'E_BAD_CSRF_TOKEN',
          message: 'Missing or invalid CSRF token. Reload the page and try again.',
        },
      ],
    })
  })

  test('repeated failures are rate limited, then even the right password waits', async ({
    client,
    assert,
  }) => {
    const { user } = await createTenantWithUser('owner')
    for (let attempt = 0; attempt < LOGIN_ATTEMPTS; attempt++) {
      const response = await client
        .post('/login')
        .header('accept', 'application/json')
        .json({ email: user.email, password: 'wrong-password' })
        .withCsrfToken()
      response.assertStatus(400)
    }

    const blocked = await client
      .post('/login')
      .header('accept', 'application/json')
      .json({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
    blocked.assertStatus(429)
    blocked.assertBodyContains({ errors: [{ code: 'E_TOO_MANY_REQUESTS' }] })
    assert.match(blocked.body().errors[0].message, /Too many failed sign-in attempts/)

    // The form gets the same message as a toast (flash) instead of a bare 429 page.
    const viaForm = await client
      .post('/login')
      .header('x-inertia', 'true')
      .header('referer', '/login')
      .json({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    viaForm.assertStatus(302)
    assert.match(String(viaForm.flashMessage('error')), /Too many failed sign-in attempts/)

    await loginThrottle().delete(loginThrottleKey('127.0.0.1', user.email))
  })

  test('a successful sign-in resets the failure count', async ({ client, assert }) => {
    const { user } = await createTenantWithUser('owner')
    const key = loginThrottleKey('127.0.0.1', user.email)
    await loginThrottle().increment(key, LOGIN_ATTEMPTS - 1)
    const response = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.equal(await loginThrottle().remaining(key), LOGIN_ATTEMPTS)
    // And the user is signed in despite the earlier failures.
    assert.equal(response.session('auth_web'), user.id)
  })

  test('signing out ends the session', async ({ client, assert }) => {
    const { user } = await createTenantWithUser('owner')
    const response = await client.post('/logout').loginAs(user).withCsrfToken().redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
    assert.isUndefined(response.session('auth_web'))
  })

  test('guests visiting a page are sent to /login', async ({ client }) => {
    const response = await client.get('/').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('an expired session on an Inertia visit goes to /login with a message', async ({
    client,
    assert,
  }) => {
    // No session cookie at all is what an expired session looks like to the server.
    const response = await client
      .get('/settings')
      .header('x-inertia', 'true')
      .header('x-inertia-version', '1')
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
    assert.equal(response.flashMessage('error'), 'Sign in to continue.')
  })

  test('signed-in users visiting /login are sent to the dashboard', async ({ client }) => {
    const { user } = await createTenantWithUser('owner')
    const response = await client.get('/login').loginAs(user).redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/')
  })
})
