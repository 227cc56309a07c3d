import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Deletes dead letters older than a cut-off (the executions themselves stay). */
export default class WorkflowDlqPurge extends BaseCommand {
  static commandName = 'workflow:dlq:purge'
  static description = 'Delete dead letters older than --older-than (30d, 12h or an ISO date)'
  static options: CommandOptions = { startApp: true }

  @flags.string({
    description: 'Age cut-off: a duration (30d, 12h) or an ISO date',
    required: true,
  })
  declare olderThan: string

  @flags.number({ description: 'Only this tenant (id)' })
  declare tenant?: number

  async run() {
    const { purgeDeadLetters } = await import('#workflows/reliability/dead_letters')
    const { pointInTime } = await import('#workflows/reliability/dlq_format')
    const before = pointInTime(this.olderThan)
    if (!before) {
      this.logger.error(`--older-than "${this.olderThan}" is neither a duration (30d) nor a date`)
      this.exitCode = 1
      return
    }
    const count = await purgeDeadLetters(before, this.tenant)
    this.logger.success(`${count} dead letter(s) created before ${before.toISOString()} purged`)
  }
}
