import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { invoiceService } from '#invoicing/services/invoice_service'
import { todayIn } from '#finance/support/dates'

export interface OverdueScanOptions {
  /** The moment the scan runs (tests pass a fixed one). */
  now?: DateTime
  /** Limit the scan to one tenant. */
  tenantId?: number
}

/**
 * Daily job: every sent or partially paid invoice whose due date is before today (in its
 * tenant's time zone) becomes overdue and emits `invoice.overdue`. Safe to run any number of
 * times: an invoice is marked once, each in its own short transaction so one bad row cannot
 * block the rest. Called by `node ace invoicing:mark-overdue` and by the scheduler.
 */
export async function markOverdueInvoices(options: OverdueScanOptions = {}) {
  const now = options.now ?? DateTime.now()
  const tenants = await db
    .from('tenants')
    .select('id', 'timezone')
    .if(options.tenantId, (query) => query.where('id', options.tenantId!))

  let marked = 0
  for (const tenant of tenants as Array<{ id: string | number; timezone: string }>) {
    const tenantId = Number(tenant.id)
    const today = todayIn(tenant.timezone, now)
    const candidates = await db
      .from('invoices')
      .where('tenant_id', tenantId)
      .whereIn('status', ['sent', 'partially_paid'])
      .where('due_date', '<', today.toISODate()!)
      .orderBy('id')
      .select('id')
    for (const { id } of candidates as Array<{ id: string | number }>) {
      const invoice = await invoiceService.markOverdue(tenantId, Number(id), today)
      if (invoice) marked++
    }
  }
  return { marked }
}
