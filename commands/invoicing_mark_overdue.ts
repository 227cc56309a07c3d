import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Daily: marks unpaid invoices past their due date as overdue (emitting `invoice.overdue`).
 * Idempotent; the workflow scheduler calls the same function (`markOverdueInvoices`).
 */
export default class InvoicingMarkOverdue extends BaseCommand {
  static commandName = 'invoicing:mark-overdue'
  static description = 'Mark sent invoices past their due date as overdue (emits invoice.overdue)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Only scan this tenant' })
  declare tenant?: number

  async run() {
    const { markOverdueInvoices } = await import('#invoicing/jobs/mark_overdue')
    const { waitForDispatches } = await import('#core/events/outbox')
    const { marked } = await markOverdueInvoices({ tenantId: this.tenant })
    // Let in-process listeners see the events before the process exits (the relay would too).
    await waitForDispatches()
    this.logger.success(`${marked} invoice(s) marked overdue`)
  }
}
