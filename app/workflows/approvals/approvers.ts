/**
 * Who may decide an approval: the listed users, every member holding one of the roles, and the
 * users named by the approver expression (ids or e-mails), all restricted to members of the
 * tenant. Nobody matching is a configuration mistake people must still be able to fix from the
 * inbox, so the request then goes to the tenant's owners and admins (recorded in the context).
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { ApprovalWaitData } from '#workflows/nodes/actions/approval'

export async function resolveEligibleUsers(
  client: QueryClientContract,
  tenantId: number,
  data: Pick<ApprovalWaitData, 'userIds' | 'roles' | 'references'>
): Promise<{ userIds: number[]; fallback: boolean }> {
  const ids = [...data.userIds]
  const emails: string[] = []
  for (const reference of data.references ?? []) {
    if (/^\d+$/.test(reference)) ids.push(Number(reference))
    else if (reference.includes('@')) emails.push(reference.toLowerCase())
  }
  const result = await client.rawQuery(
    `SELECT DISTINCT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.tenant_id = ? AND (m.user_id = ANY(?::bigint[]) OR m.role::text = ANY(?::text[])
       OR lower(u.email) = ANY(?::text[]))
     ORDER BY m.user_id`,
    [tenantId, `{${ids.join(',')}}`, `{${(data.roles ?? []).join(',')}}`, `{${emails.join(',')}}`]
  )
  const userIds = result.rows.map((row: { user_id: string | number }) => Number(row.user_id))
  if (userIds.length > 0) return { userIds, fallback: false }
  const admins = await client.rawQuery(
    `SELECT user_id FROM memberships WHERE tenant_id = ? AND role::text IN ('owner', 'admin')
     ORDER BY user_id`,
    [tenantId]
  )
  return {
    userIds: admins.rows.map((row: { user_id: string | number }) => Number(row.user_id)),
    fallback: true,
  }
}
