import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import logger from '@adonisjs/core/services/logger'
import { broadcast } from '#core/realtime/broadcast'

/**
 * Tells open record pages that a record changed, once the change is committed: Transmit channel
 * `tenants/:tenantId/<topic>/:id` (members of the tenant may listen). Whoever made the change — a
 * person, the overdue scan or a workflow in a worker — the invoice page refreshes itself.
 * A failed broadcast only costs the live refresh, never the write.
 */
export function announceChange(
  trx: TransactionClientContract,
  tenantId: number,
  topic: 'invoices',
  id: number,
  type: string
) {
  trx.after('commit', () => {
    try {
      broadcast(`tenants/${tenantId}/${topic}/${id}`, { type, id })
    } catch (error) {
      logger.warn({ err: error, topic, id }, 'record change broadcast failed')
    }
  })
}
