import { test } from '@japa/runner'
import { applyCommitMode, setCommitMode } from '#core/database/commit_mode'

/** A pg connection as the pool's afterCreate hook sees it, recording what it is asked to run. */
function fakeConnection() {
  const statements: string[] = []
  return {
    statements,
    query(sql: string, callback: (error: Error | null) => void) {
      statements.push(sql)
      callback(null)
    },
  }
}

function openWith(connection: ReturnType<typeof fakeConnection>) {
  return new Promise<unknown>((resolve, reject) =>
    applyCommitMode(connection, (error, ready) => (error ? reject(error) : resolve(ready)))
  )
}

test.group('Database commit mode', (group) => {
  group.each.teardown(() => setCommitMode('synchronous'))

  test('sessions wait for the WAL flush unless the process chose otherwise', async ({ assert }) => {
    const connection = fakeConnection()
    assert.strictEqual(await openWith(connection), connection)
    assert.deepEqual(connection.statements, [])
  })

  test('a worker session commits asynchronously', async ({ assert }) => {
    setCommitMode('asynchronous')
    const connection = fakeConnection()
    assert.strictEqual(await openWith(connection), connection)
    assert.deepEqual(connection.statements, ['SET synchronous_commit = off'])
  })
})
