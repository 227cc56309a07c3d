import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Starts the outbox relay (`#core/events/relay`) in the web server: on boot it re-dispatches events
 * left undispatched by a crash, then keeps polling every few seconds. Worker processes are console
 * commands; they call `outboxRelay.start()` themselves (and `stop()` on shutdown). The test
 * environment never starts it: tests that need a relay create and run one explicitly.
 */
export default class OutboxRelayProvider {
  #started = false

  constructor(protected app: ApplicationService) {}

  async ready() {
    if (this.app.getEnvironment() !== 'web') return
    const { outboxRelay } = await import('#core/events/relay')
    outboxRelay.start()
    this.#started = true
  }

  async shutdown() {
    if (!this.#started) return
    const { outboxRelay } = await import('#core/events/relay')
    await outboxRelay.stop()
  }
}
