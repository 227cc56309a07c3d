import db from '@adonisjs/lucid/services/db'
import type User from '#core/models/user'
import { roleAtLeast, type Role } from '#core/roles'

/** Topics under tenants/:tenantId/ that need more than membership. */
const TOPIC_MINIMUM: Record<string, Role> = {
  approvals: 'approver',
}

const ID = /^\d{1,18}$/

async function roleIn(userId: number, tenantId: string | number): Promise<Role | null> {
  const row = await db
    .from('memberships')
    .where('user_id', userId)
    .where('tenant_id', tenantId)
    .select('role')
    .first()
  return (row?.role as Role | undefined) ?? null
}

/** Who may subscribe to which Transmit channel (used by start/transmit.ts, tested directly). */
export const channelAccess = {
  async tenantTopic(user: User | undefined, tenantId: string, topic: string) {
    if (!user || !ID.test(tenantId)) return false
    return roleAtLeast(await roleIn(user.id, tenantId), TOPIC_MINIMUM[topic] ?? 'viewer')
  },

  /** A user's own channels (notifications): only that user, and only while a member. */
  async personal(user: User | undefined, tenantId: string, userId: string) {
    if (!user || !ID.test(tenantId) || String(user.id) !== userId) return false
    return roleAtLeast(await roleIn(user.id, tenantId), 'viewer')
  },

  /** Execution channels: the `executions` table belongs to the workflow module. */
  async execution(user: User | undefined, executionId: string) {
    if (!user || !/^[\w-]{1,64}$/.test(executionId)) return false
    try {
      const row = await db.from('executions').where('id', executionId).select('tenant_id').first()
      if (!row) return false
      return roleAtLeast(await roleIn(user.id, row.tenant_id), 'viewer')
    } catch {
      // No such table yet, or an id of the wrong type: nothing to watch.
      return false
    }
  },
}
