/**
 * In-app notifications: written by workflow notification steps (inside the step's transaction,
 * deduplicated per step and user so a re-run step notifies once) and read by the bell.
 * Each new notification is pushed live on `tenants/:tenantId/users/:userId/notifications`.
 */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { broadcast } from '#core/realtime/broadcast'
import { preparedQuery } from '#core/database/prepared_query'
import type { Role } from '#core/roles'

export interface NotifyInput {
  tenantId: number
  userIds?: number[]
  roles?: Role[]
  title: string
  body?: string | null
  link?: string | null
  level?: 'info' | 'success' | 'warning' | 'error'
  executionId?: number | null
  /** Stable key of the cause (the step's idempotency key); null = no dedupe. */
  dedupeKey?: string | null
}

export function notificationChannel(tenantId: number, userId: number) {
  return `tenants/${tenantId}/users/${userId}/notifications`
}

/**
 * Notifies every member of the tenant who is listed in `userIds` or holds one of `roles`.
 * Returns how many members are addressed (the same number when a step re-runs).
 */
export async function notifyMembers(
  input: NotifyInput,
  client: QueryClientContract | TransactionClientContract = db.connection()
): Promise<{ delivered: number }> {
  const userIds = (input.userIds ?? []).filter((id) => Number.isInteger(id) && id > 0)
  const roles = input.roles ?? []
  // A workflow notification step runs this on every execution: a prepared statement.
  const [row] = await preparedQuery<{ recipients: number; created: Array<Record<string, any>> }>(
    client,
    `WITH recipients AS (
       SELECT DISTINCT user_id FROM memberships
       WHERE tenant_id = $1 AND (user_id = ANY($2::bigint[]) OR role::text = ANY($3::text[]))
     ), created AS (
       INSERT INTO notifications (tenant_id, user_id, title, body, link, level, execution_id,
         dedupe_key, created_at)
       SELECT $1, user_id, $4, $5, $6, $7, $8, CASE WHEN $9::text IS NULL THEN NULL
         ELSE $9::text || ':' || user_id END, now()
       FROM recipients
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, user_id, title, body, link, level, created_at
     )
     SELECT (SELECT count(*) FROM recipients)::int AS recipients,
       coalesce((SELECT json_agg(created) FROM created), '[]'::json) AS created`,
    [
      input.tenantId,
      `{${userIds.join(',')}}`,
      `{${roles.join(',')}}`,
      input.title,
      input.body ?? null,
      input.link ?? null,
      input.level ?? 'info',
      input.executionId ?? null,
      input.dedupeKey ?? null,
    ]
  )
  const created = row.created
  const push = () => {
    for (const notification of created) {
      broadcast(notificationChannel(input.tenantId, Number(notification.user_id)), {
        type: 'notification.created',
        notification: {
          id: Number(notification.id),
          title: String(notification.title),
          body: (notification.body as string | null) ?? null,
          link: (notification.link as string | null) ?? null,
          level: String(notification.level),
          createdAt: String(notification.created_at),
        },
      })
    }
  }
  if (created.length > 0) {
    if ('isTransaction' in client && client.isTransaction) {
      ;(client as TransactionClientContract).after('commit', push)
    } else {
      push()
    }
  }
  return { delivered: row.recipients }
}
