import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Replays dead-lettered executions: each becomes a NEW execution linked to the original
 * (`replay_of_execution_id`), from the start (default) or from the failed step.
 */
export default class WorkflowDlqReplay extends BaseCommand {
  static commandName = 'workflow:dlq:replay'
  static description = 'Replay a dead-lettered execution (or --all open ones)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Dead letter id', required: false })
  declare id?: string

  @flags.boolean({ description: 'Replay every open dead letter (filters apply)' })
  declare all: boolean

  @flags.boolean({ description: 'Continue from the failed step (finished steps are reused)' })
  declare fromFailedStep: boolean

  @flags.boolean({ description: 'Start over from the trigger (default)' })
  declare fromStart: boolean

  @flags.boolean({ description: "Run on the workflow's current published version" })
  declare latestVersion: boolean

  @flags.number({ description: 'With --all: only this workflow (id)' })
  declare workflow?: number

  @flags.string({ description: 'With --all: only this error category' })
  declare category?: string

  async run() {
    const { findDeadLetter, listDeadLetters } = await import('#workflows/reliability/dead_letters')
    const { replayExecution } = await import('#workflows/reliability/interventions')
    const { progressBar, truncate } = await import('#workflows/reliability/dlq_format')
    const { default: Execution } = await import('#workflows/models/execution')

    if (this.fromFailedStep && this.fromStart) {
      return this.fail('Choose one of --from-failed-step and --from-start')
    }
    if (this.fromFailedStep && this.latestVersion) {
      return this.fail('--from-failed-step reuses the original version; drop --latest-version')
    }
    if (!this.all && this.id === undefined) return this.fail('Give a dead letter id or --all')
    if (this.all && this.id !== undefined) return this.fail('Give either an id or --all, not both')

    const letters = this.all
      ? await listDeadLetters({
          status: 'open',
          workflowId: this.workflow,
          category: this.category,
          limit: 10_000,
        })
      : [await findDeadLetter(Number(this.id) || 0)].filter((letter) => letter !== null)
    if (letters.length === 0) {
      if (this.all) this.logger.info('No open dead letters to replay')
      else this.fail(`Dead letter ${this.id} does not exist`)
      return
    }

    const mode = this.fromFailedStep ? 'from_failed_step' : 'from_start'
    const results: Array<{ id: number; executionId: number; replay?: number; error?: string }> = []
    const replayAll = async (update: (message: string) => void) => {
      for (const [index, letter] of letters.entries()) {
        try {
          const execution = await Execution.findOrFail(letter.executionId)
          const replay = await replayExecution(execution, {
            mode,
            latestVersion: this.latestVersion,
          })
          results.push({ id: letter.id, executionId: letter.executionId, replay: replay.id })
        } catch (error) {
          results.push({
            id: letter.id,
            executionId: letter.executionId,
            error: (error as Error).message,
          })
        }
        update(progressBar(index + 1, letters.length))
      }
    }
    await this.ui
      .tasks()
      .add(
        `Replaying ${letters.length} dead letter(s) ${mode.replaceAll('_', ' ')}`,
        async (task) => {
          await replayAll((message) => task.update(message))
          const failed = results.filter((r) => r.error).length
          return failed ? task.error(`${failed} could not be replayed`) : 'done'
        }
      )
      .run()

    const table = this.ui.table()
    table.head(['Dead letter', 'Execution', 'Replay', 'Result'])
    for (const row of results) {
      table.row([
        String(row.id),
        String(row.executionId),
        row.replay ? String(row.replay) : '-',
        row.error ? truncate(row.error, 60) : 'queued',
      ])
    }
    table.render()
    const ok = results.filter((r) => r.replay).length
    if (ok === results.length) this.logger.success(`${ok} execution(s) replayed`)
    else {
      this.logger.error(`${results.length - ok} of ${results.length} could not be replayed`)
      this.exitCode = 1
    }
  }

  private fail(message: string) {
    this.logger.error(message)
    this.exitCode = 1
  }

  async completed() {
    const { closeProducers } = await import('#workflows/runtime/queue')
    await closeProducers()
  }
}
