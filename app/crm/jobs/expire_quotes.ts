import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { quoteService } from '#crm/services/quote_service'
import { CrmRuleError } from '#crm/support/business_error'

export interface ExpireQuotesOptions {
  /** The moment the scan runs (tests pass a fixed one). */
  now?: DateTime
  /** Limit the scan to one tenant. */
  tenantId?: number
}

/**
 * Daily job: a sent quote whose `validUntil` is before today (in its tenant's time zone) becomes
 * expired and emits `quote.expired`. Idempotent: each quote is expired once, in its own short
 * transaction; a quote answered in the meantime is skipped. Run by `node ace crm:expire-quotes`.
 */
export async function expireQuotes(options: ExpireQuotesOptions = {}) {
  const now = options.now ?? DateTime.now()
  const tenants = await db
    .from('tenants')
    .select('id', 'timezone')
    .if(options.tenantId, (query) => query.where('id', options.tenantId!))

  let expired = 0
  for (const tenant of tenants as Array<{ id: number; timezone: string }>) {
    const today = now.setZone(tenant.timezone).toISODate()!
    const candidates = await db
      .from('crm_quotes')
      .where({ tenant_id: tenant.id, status: 'sent' })
      .where('valid_until', '<', today)
      .orderBy('id')
      .select('id')
    for (const { id } of candidates as Array<{ id: number }>) {
      try {
        await quoteService.expire(Number(tenant.id), Number(id))
        expired++
      } catch (error) {
        if (!(error instanceof CrmRuleError)) throw error
      }
    }
  }
  return { expired }
}
