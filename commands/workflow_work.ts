import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Runs a workflow worker until SIGTERM/SIGINT: consumes the execution queues, sweeps lost work
 * and relays undispatched domain events. On a signal it stops taking jobs, lets in-flight
 * executions checkpoint and release (or finish), and exits.
 */
export default class WorkflowWork extends BaseCommand {
  static commandName = 'workflow:work'
  static description = 'Run a workflow worker (concurrency from WORKFLOW_CONCURRENCY)'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.number({ description: 'Executions run at once (default WORKFLOW_CONCURRENCY or 10)' })
  declare concurrency?: number

  @flags.boolean({
    description: 'Relay undispatched domain events (--no-relay to leave it to others)',
    default: true,
  })
  declare relay: boolean

  @flags.boolean({
    description:
      'Commit checkpoints without waiting for the disk (default; --no-async-commit to wait)',
    default: true,
  })
  declare asyncCommit: boolean

  async run() {
    // Before the first query: the sessions this worker opens use the chosen commit mode.
    const { setCommitMode } = await import('#core/database/commit_mode')
    setCommitMode(this.asyncCommit ? 'asynchronous' : 'synchronous')
    const { tuneWorkerHeap, youngGenerationBounded } =
      await import('#workflows/runtime/worker_memory')
    tuneWorkerHeap()
    if (!youngGenerationBounded()) {
      this.logger.info('tip: `npm run worker` starts workers with a smaller young generation')
    }
    const { WorkflowWorker } = await import('#workflows/runtime/worker')
    const { outboxRelay } = await import('#core/events/relay')
    const worker = new WorkflowWorker({ concurrency: this.concurrency })
    await worker.start()
    if (this.relay) outboxRelay.start()
    this.logger.info(`workflow worker ${worker.id} started (concurrency ${worker.concurrency})`)
    // Parseable by process supervisors and tests.
    console.log(`WORKER_READY ${worker.id}`)

    // bin/console.ts terminates the app on SIGTERM; these hooks run first, while the database
    // and Redis are still open, so in-flight executions can checkpoint and release.
    this.app.terminating(async () => {
      this.logger.info('stopping: releasing in-flight executions…')
      await outboxRelay.stop()
      await worker.stop()
      const { closeProducers } = await import('#workflows/runtime/queue')
      await closeProducers()
      this.logger.info(`worker stopped (${JSON.stringify(worker.stats)})`)
      // A connection that refuses to close must not keep a stopped worker alive.
      setTimeout(() => process.exit(process.exitCode ?? 0), 5000).unref()
    })
    process.once('SIGINT', () => void this.app.terminate())
  }
}
