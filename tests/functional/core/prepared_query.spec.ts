import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { preparedQuery, statementName } from '#core/database/prepared_query'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'

const TENANT_NAME = 'SELECT name FROM tenants WHERE id = $1'
const PREPARED = 'SELECT name FROM pg_prepared_statements WHERE name = $1'

test.group('Prepared queries', (group) => {
  group.each.setup(() => truncateAll())

  test('run on the transaction session: uncommitted rows are visible only inside', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser('owner')
    await db.transaction(async (trx) => {
      await trx.from('tenants').where('id', tenant.id).update({ name: 'Renamed in trx' })
      const inside = await preparedQuery<{ name: string }>(trx, TENANT_NAME, [tenant.id])
      const outside = await preparedQuery<{ name: string }>(db.connection(), TENANT_NAME, [
        tenant.id,
      ])
      assert.equal(inside[0].name, 'Renamed in trx')
      assert.equal(outside[0].name, tenant.name)
    })
  })

  test('a statement is prepared once per session and reused by name', async ({ assert }) => {
    const { tenant } = await createTenantWithUser('owner')
    assert.equal(statementName(TENANT_NAME), statementName(TENANT_NAME))
    assert.notEqual(statementName(TENANT_NAME), statementName(PREPARED))
    await db.transaction(async (trx) => {
      for (let i = 0; i < 3; i++) await preparedQuery(trx, TENANT_NAME, [tenant.id])
      // The same session (the transaction's) holds the named statement.
      const prepared = await preparedQuery<{ name: string }>(trx, PREPARED, [
        statementName(TENANT_NAME),
      ])
      assert.deepEqual(
        prepared.map((row) => row.name),
        [statementName(TENANT_NAME)]
      )
    })
  })

  test('a failing statement rejects with the PostgreSQL error and frees the session', async ({
    assert,
  }) => {
    // More failures than the pool has sessions: each one must give its session back.
    for (let i = 0; i < 30; i++) {
      const error = await preparedQuery(db.connection(), 'SELECT 1 / $1::int', [0]).catch(
        (caught) => caught
      )
      assert.equal(error.code, '22012')
    }
    const rows = await preparedQuery<{ one: number }>(db.connection(), 'SELECT 1 AS one', [])
    assert.equal(rows[0].one, 1)
  })
})
