import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Outbox relay as its own process (the web server and `workflow:work` already run one each; this
 * is for deployments without them, or to drain the outbox by hand):
 *   node ace outbox:relay            keep relaying until SIGINT/SIGTERM
 *   node ace outbox:relay --once     one pass over undispatched events, then print the backlog
 */
export default class OutboxRelayCommand extends BaseCommand {
  static commandName = 'outbox:relay'
  static description = 'Re-dispatch domain events left undispatched (crash or failed listener)'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.boolean({ description: 'Run one pass and exit' })
  declare once: boolean

  @flags.number({ description: 'Only relay events older than this many seconds (default 5)' })
  declare minAge?: number

  async run() {
    const { OutboxRelay } = await import('#core/events/relay')
    const relay = new OutboxRelay({ minAgeMs: (this.minAge ?? 5) * 1000 })
    if (this.once) {
      const completed = await relay.runOnce()
      const backlog = await this.backlog()
      this.logger.success(
        `${completed} event(s) dispatched; ${backlog.pending} still pending, ${backlog.failed} failed or dead deliveries`
      )
      await this.app.terminate()
      return
    }
    relay.start()
    this.logger.info('outbox relay running (Ctrl+C to stop)')
    this.app.terminating(() => relay.stop())
    process.once('SIGINT', () => void this.app.terminate())
  }

  private async backlog() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const [events] = await db.from('domain_events').whereNull('dispatched_at').count('* as total')
    const [deliveries] = await db
      .from('domain_event_deliveries')
      .whereIn('status', ['failed', 'dead'])
      .count('* as total')
    return { pending: Number(events.total), failed: Number(deliveries.total) }
  }
}
