import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import app from '@adonisjs/core/services/app'
import User from '#core/models/user'
import Membership from '#core/models/membership'
import { truncateAll } from '#tests/helpers/db'
import { DEMO_EMAIL } from '#database/seeders/demo_context'

/** Runs an ace command in a child process with this test run's environment (test database). */
function ace(args: string[]) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['ace', ...args], {
      cwd: app.makePath(),
      env: { ...process.env, NO_COLOR: '1' },
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, output }))
  })
}

test.group('app:setup (first run of npm run dev)', (group) => {
  group.each.setup(() => truncateAll())
  group.each.teardown(() => truncateAll())

  test('seeds the demo tenant once with a printed password that works', async ({
    client,
    assert,
  }) => {
    const first = await ace(['app:setup'])
    assert.equal(first.code, 0, first.output)
    const match = first.output.match(/sign in as demo@logiaccounting\.test \/ (\S+)/)
    assert.isNotNull(match, first.output)
    const password = match![1]

    // Stored only as a hash.
    const demo = await User.findByOrFail('email', DEMO_EMAIL)
    assert.notInclude(demo.password, password)
    const memberships = await Membership.query().where('user_id', demo.id)
    assert.lengthOf(memberships, 2)

    const login = await client
      .post('/login')
      .form({ email: DEMO_EMAIL, password })
      .withCsrfToken()
      .redirects(0)
    login.assertStatus(302)
    login.assertHeader('location', '/')

    const second = await ace(['app:setup'])
    assert.equal(second.code, 0, second.output)
    assert.include(second.output, 'demo user exists')
    assert.notMatch(second.output, /sign in as/)
    const users = await User.query().where('email', DEMO_EMAIL)
    assert.lengthOf(users, 1)
  }).timeout(120_000)
})
