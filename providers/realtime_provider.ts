import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Processes that serve EventSources (the web server, and the test process whose HTTP server the
 * tests call) deliver the realtime messages other processes broadcast (core/realtime/fan_out.ts).
 * Workers and other console commands only publish.
 */
export default class RealtimeProvider {
  #listening = false

  constructor(protected app: ApplicationService) {}

  async ready() {
    if (!['web', 'test'].includes(this.app.getEnvironment())) return
    const { listenToOtherProcesses } = await import('#core/realtime/fan_out')
    await listenToOtherProcesses()
    this.#listening = true
  }

  async shutdown() {
    const { flushFanOut, stopListening } = await import('#core/realtime/fan_out')
    flushFanOut()
    if (this.#listening) await stopListening()
  }
}
