import db from '@adonisjs/lucid/services/db'

/** Tables the migrator owns; never truncated. */
const KEEP = new Set(['adonis_schema', 'adonis_schema_versions'])

/**
 * Empties every application table (RESTART IDENTITY CASCADE) in one statement. Tests call it in
 * `group.each.setup` so each starts from an empty database whatever ran before.
 */
export async function truncateAll() {
  const result = await db.rawQuery<{ rows: { tablename: string }[] }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`
  )
  const tables = result.rows.map((row) => row.tablename).filter((name) => !KEEP.has(name))
  if (tables.length === 0) return
  await db.rawQuery(
    `TRUNCATE ${tables.map((name) => `"${name}"`).join(', ')} RESTART IDENTITY CASCADE`
  )
}
