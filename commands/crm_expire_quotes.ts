import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Daily: expires sent quotes past their validity date (emits `quote.expired`). Idempotent. */
export default class CrmExpireQuotes extends BaseCommand {
  static commandName = 'crm:expire-quotes'
  static description = 'Expire sent quotes whose validity date has passed (emits quote.expired)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Only scan this tenant' })
  declare tenant?: number

  async run() {
    const { expireQuotes } = await import('#crm/jobs/expire_quotes')
    const { waitForDispatches } = await import('#core/events/outbox')
    const { expired } = await expireQuotes({ tenantId: this.tenant })
    // Let in-process listeners see the events before the process exits (the relay would too).
    await waitForDispatches()
    this.logger.success(`${expired} quote(s) expired`)
  }
}
