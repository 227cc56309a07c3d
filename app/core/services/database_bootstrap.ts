import db from '@adonisjs/lucid/services/db'

/**
 * Creates the configured PostgreSQL database when it does not exist yet (first run on a fresh
 * machine), connecting to the `postgres` maintenance database to do so. Returns the name created.
 */
export async function createDatabaseIfMissing(): Promise<string | null> {
  const name = db.primaryConnectionName
  const config = db.getRawConnection(name)?.config
  const connection = config?.connection as { database?: string } | undefined
  const database = connection?.database
  if (!config || !database) return null

  const maintenance = `${name}_maintenance`
  db.manager.add(maintenance, {
    ...config,
    connection: { ...(config.connection as object), database: 'postgres' },
  } as typeof config)
  try {
    const client = db.connection(maintenance)
    const exists = await client.rawQuery('SELECT 1 FROM pg_database WHERE datname = ?', [database])
    if (exists.rows.length > 0) return null
    // Identifiers cannot be bound as parameters; quote it (doubling any quote inside).
    await client.rawQuery(`CREATE DATABASE "${database.replaceAll('"', '""')}"`)
    return database
  } finally {
    await db.manager.close(maintenance)
  }
}
