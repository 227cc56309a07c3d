import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import env from '#start/env'

/** Boots the app (an ace command that starts it) against `envFile`, with nothing inherited. */
async function bootWith(envFile: string) {
  const dir = await mkdtemp(join(tmpdir(), 'logi-env-'))
  await writeFile(join(dir, '.env'), envFile)
  // Only what a shell provides; every app variable must come from the .env under test.
  const childEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ENV_PATH: dir, NO_COLOR: '1' }
  try {
    return await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['ace', 'migration:status'], {
        cwd: app.makePath(),
        env: childEnv,
      })
      let output = ''
      child.stdout.on('data', (chunk) => (output += chunk))
      child.stderr.on('data', (chunk) => (output += chunk))
      child.on('error', reject)
      child.on('exit', (code) => resolve({ code, output }))
    })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** `.env.example` plus a key, pointed at this run's (test) database and Redis DB. */
async function exampleEnv() {
  const example = await readFile(app.makePath('.env.example'), 'utf8')
  return example
    .replace(/^APP_KEY=.*$/m, 'APP_KEY=0123456789abcdefghijklmnopqrstuv')
    .replace(/^DB_DATABASE=.*$/m, `DB_DATABASE=${env.get('DB_DATABASE')}`)
    .replace(/^REDIS_DB=.*$/m, `REDIS_DB=${env.get('REDIS_DB', 1)}`)
}

test.group('Environment validation', () => {
  test('a missing variable stops boot with a message naming it', async ({ assert }) => {
    const example = await exampleEnv()
    const file = example.replace(/^DB_HOST=.*$/m, '')
    const { code, output } = await bootWith(file)
    assert.notEqual(code, 0)
    assert.include(output, 'Missing environment variable "DB_HOST"')
  })

  test('a malformed value stops boot with a message naming it and the value', async ({
    assert,
  }) => {
    const example = await exampleEnv()
    const file = example.replace(/^PORT=.*$/m, 'PORT=eighty')
    const { code, output } = await bootWith(file)
    assert.notEqual(code, 0)
    assert.include(output, '"PORT" env variable must be a number (Current value: "eighty")')
  })

  test('.env.example itself (plus a key) passes validation', async ({ assert }) => {
    // Proves the two failures above are caused by the edits, and that the example is complete.
    const { output } = await bootWith(await exampleEnv())
    assert.notInclude(output, 'EnvValidationException')
  })
})
