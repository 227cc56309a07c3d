import db from '@adonisjs/lucid/services/db'
import { waitForDispatches } from '#core/events/outbox'

/** Tables the migrator owns; never truncated. */
const KEEP = new Set(['adonis_schema', 'adonis_schema_versions'])

/** PostgreSQL's "deadlock detected": another session held one of the tables when TRUNCATE ran. */
const DEADLOCK = '40P01'

/**
 * Empties every application table (RESTART IDENTITY CASCADE) in one statement. Tests call it in
 * `group.each.setup` so each starts from an empty database whatever ran before.
 *
 * The previous test's after-commit event dispatch may still be writing (deliveries, executions),
 * so it is awaited first; a deadlock with some other straggler is retried rather than failing an
 * unrelated test.
 */
export async function truncateAll() {
  await waitForDispatches()
  const result = await db.rawQuery<{ rows: { tablename: string }[] }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`
  )
  const tables = result.rows.map((row) => row.tablename).filter((name) => !KEEP.has(name))
  if (tables.length === 0) return
  const statement = `TRUNCATE ${tables.map((name) => `"${name}"`).join(', ')} RESTART IDENTITY CASCADE`
  for (let attempt = 1; ; attempt++) {
    try {
      await db.rawQuery(statement)
      return
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK || attempt >= 5) throw error
    }
  }
}
