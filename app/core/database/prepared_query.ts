/**
 * Named (server-side prepared) statements for hot paths such as the workflow runtime's
 * checkpoints.
 *
 * Knex sends every statement unnamed, so PostgreSQL parses and plans it again on every call. On
 * the runtime's statements that planning was ≈ 0.7 ms of server CPU per execution (the executions
 * table has a dozen indexes for the monitor, and the planner looks at each of them); a named
 * statement is parsed once per session and, once PostgreSQL settles on a generic plan, executed
 * without planning. It also skips knex's query building and Lucid's reporting, which were a
 * third of a worker's CPU per execution (bench/RESULTS.md, "where an execution's CPU goes").
 *
 * Statements use `$1…$n` placeholders. The session (pool connection, or the transaction's own)
 * comes from knex, so pooling and transactions behave exactly as for any other query.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/** The slice of node-postgres' Client used here (`pg` ships no type declarations). */
interface PgConnection {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: any[] }>
}

/** The slice of a knex client that lends and takes back sessions. */
interface SessionSource {
  acquireConnection(): Promise<PgConnection>
  releaseConnection(connection: PgConnection): Promise<void>
}

/**
 * One name per statement text for the whole process: PostgreSQL keys prepared statements by name
 * per session, and node-postgres prepares a name on a session the first time it sends it there.
 */
const names = new Map<string, string>()

export function statementName(text: string) {
  let name = names.get(text)
  if (!name) {
    name = `hot_${names.size + 1}`
    names.set(text, name)
  }
  return name
}

function sessionSource(client: QueryClientContract): SessionSource {
  // A transaction's knex client hands out its own session; a connection's, a pooled one.
  return (client.getWriteClient() as unknown as { client: SessionSource }).client
}

/** Runs `text` as a named statement on `client`'s session and returns its rows. */
export async function preparedQuery<Row = Record<string, unknown>>(
  client: QueryClientContract,
  text: string,
  values: unknown[]
): Promise<Row[]> {
  const source = sessionSource(client)
  const connection = await source.acquireConnection()
  try {
    const result = await connection.query({ name: statementName(text), text, values })
    return result.rows as Row[]
  } finally {
    await source.releaseConnection(connection)
  }
}
