import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Runs the workflow scheduler until SIGTERM/SIGINT: ticks the cron of every active workflow with
 * a schedule trigger, and the host modules' periodic scans (`#core/jobs/host_scans`). Run as many
 * as you like; each tick starts one execution and each scan tick runs once.
 */
export default class WorkflowSchedule extends BaseCommand {
  static commandName = 'workflow:schedule'
  static description = 'Run the workflow scheduler (cron triggers; safe to run several)'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  async run() {
    const { WorkflowScheduler } = await import('#workflows/triggers/scheduler')
    const scheduler = new WorkflowScheduler()
    await scheduler.start()
    const { startHostScans } = await import('#core/jobs/host_scans')
    const stopHostScans = startHostScans()
    this.logger.info(`workflow scheduler started (${scheduler.size} schedule(s))`)
    console.log(`SCHEDULER_READY ${process.pid}`)
    this.app.terminating(async () => {
      scheduler.stop()
      stopHostScans()
      const { closeProducers } = await import('#workflows/runtime/queue')
      await closeProducers()
    })
    process.once('SIGINT', () => void this.app.terminate())
  }
}
