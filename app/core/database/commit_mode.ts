/**
 * How a process's database sessions commit. Web processes, the scheduler and the ace commands
 * wait for the WAL flush (PostgreSQL's default): what they accept (a webhook answered 202, a
 * decision, a schedule tick) is on disk when they say so.
 *
 * Workflow workers commit their checkpoints asynchronously (`synchronous_commit = off`): a
 * checkpoint no longer waits for the disk (≈ 6 ms per commit on this kind of machine, and the
 * flush is what capped a worker at ~200 executions/s). It stays safe because of what a
 * checkpoint holds: a DB effect commits in the same transaction as its step record, and the WAL
 * is a prefix — if PostgreSQL itself crashes, the last few hundred milliseconds of checkpoints
 * are lost together with everything that followed them, and the executions resume from their
 * last durable checkpoint exactly as after a worker crash (pure steps re-run, DB effects re-run
 * because they were lost too, external calls re-run with the same idempotency key). Any
 * synchronous commit (an intake in another process) flushes the earlier asynchronous ones.
 */
export type CommitMode = 'synchronous' | 'asynchronous'

/**
 * A second connection, in every process, that always commits asynchronously: for bookkeeping
 * that is redone when lost, such as the outbox's delivery records (a lost "delivered" mark means
 * the relay delivers again, and listeners are idempotent per event). Each such write used to wait
 * for its own disk flush, several per event, which capped event intake far below the engine.
 */
export const ASYNC_COMMIT_CONNECTION = 'postgres_async'

let mode: CommitMode = 'synchronous'

/** Called by `workflow:work` before its first query; connections opened afterwards use it. */
export function setCommitMode(next: CommitMode) {
  mode = next
}

interface RawConnection {
  query(sql: string, callback: (error: Error | null) => void): void
}
type AfterCreateDone = (error: Error | null, connection: RawConnection) => void

/** knex pool `afterCreate` hook: applies the process's commit mode to each new session. */
export function applyCommitMode(connection: RawConnection, done: AfterCreateDone) {
  if (mode === 'synchronous') return done(null, connection)
  applyAsynchronousCommit(connection, done)
}

/** knex pool `afterCreate` hook of the ASYNC_COMMIT_CONNECTION. */
export function applyAsynchronousCommit(connection: RawConnection, done: AfterCreateDone) {
  connection.query('SET synchronous_commit = off', (error) => done(error, connection))
}
