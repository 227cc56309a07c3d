import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Daily: announces contracts and documents that expire within the window
 * (`contract.expiring`, `document.expiring`), once per expiry date.
 */
export default class DocumentsScanExpiring extends BaseCommand {
  static commandName = 'documents:scan-expiring'
  static description =
    'Emit contract.expiring / document.expiring for what expires within the next N days'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Window in days (default 30)' })
  declare days?: number

  @flags.number({ description: 'Only scan this tenant' })
  declare tenant?: number

  async run() {
    const { scanExpiring, DEFAULT_EXPIRY_WINDOW_DAYS } =
      await import('#documents/jobs/scan_expiring')
    const { waitForDispatches } = await import('#core/events/outbox')
    const days = this.days ?? DEFAULT_EXPIRY_WINDOW_DAYS
    if (!Number.isInteger(days) || days < 0) {
      this.logger.error('--days must be a whole number of days, 0 or more')
      this.exitCode = 1
      return
    }
    const result = await scanExpiring({ days, tenantId: this.tenant })
    await waitForDispatches()
    this.logger.success(
      `${result.contracts} contract(s) and ${result.documents} document(s) expiring within ${days} day(s)`
    )
  }
}
