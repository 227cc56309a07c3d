import env from '#start/env'
import { defineConfig } from '@adonisjs/lucid'
import { createRequire } from 'node:module'
import {
  ASYNC_COMMIT_CONNECTION,
  applyAsynchronousCommit,
  applyCommitMode,
} from '#core/database/commit_mode'

/*
 * bigint (int8) columns — every id — arrive as JavaScript numbers, not strings. Ids stay far below
 * 2^53, and a model declaring `id: number` must really hold a number. COUNT(*) results too.
 * (`pg` ships no type declarations; this is the one call we make on it.)
 */
const INT8_OID = 20
const pgTypes = createRequire(import.meta.url)('pg').types as {
  setTypeParser(oid: number, parse: (value: string) => unknown): void
}
pgTypes.setTypeParser(INT8_OID, (value) => Number.parseInt(value, 10))

const connection = {
  host: env.get('DB_HOST'),
  port: env.get('DB_PORT'),
  user: env.get('DB_USER'),
  password: env.get('DB_PASSWORD'),
  database: env.get('DB_DATABASE'),
}

const dbConfig = defineConfig({
  connection: 'postgres',
  connections: {
    postgres: {
      client: 'pg',
      connection,
      // A worker runs WORKFLOW_CONCURRENCY executions at once, each holding at most one
      // connection (its step transaction); a few more serve heartbeats and the sweeper.
      pool: {
        min: 2,
        max: env.get('DB_POOL_MAX') ?? Math.max(10, (env.get('WORKFLOW_CONCURRENCY') ?? 10) + 4),
        // Workers commit checkpoints asynchronously (app/core/database/commit_mode.ts).
        afterCreate: applyCommitMode,
      },
      migrations: {
        naturalSort: true,
        paths: ['database/migrations'],
      },
      // Only the entry seeders; they run database/seeders/demo/*.ts themselves, once, in order.
      seeders: {
        paths: ['database/seeders/main'],
      },
      // Models declare their columns explicitly; a generated schema file would be rewritten by
      // whichever database last ran migrations.
      schemaGeneration: { enabled: false },
    },
    // Bookkeeping that is safe to lose in a database crash because it is redone (the outbox's
    // delivery records): commits without waiting for the disk (app/core/database/commit_mode.ts).
    [ASYNC_COMMIT_CONNECTION]: {
      client: 'pg',
      connection,
      pool: { min: 0, max: 10, afterCreate: applyAsynchronousCommit },
      schemaGeneration: { enabled: false },
    },
  },
})

export default dbConfig
