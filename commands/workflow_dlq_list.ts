import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Lists dead-lettered executions (newest first) as a table. */
export default class WorkflowDlqList extends BaseCommand {
  static commandName = 'workflow:dlq:list'
  static description = 'List executions in the dead-letter queue'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Only this workflow (id)' })
  declare workflow?: number

  @flags.string({ description: 'Only this error category (transient, timeout, validation, …)' })
  declare category?: string

  @flags.string({ description: 'Only newer than a duration (7d, 12h) or an ISO date' })
  declare since?: string

  @flags.number({ description: 'Only this tenant (id)' })
  declare tenant?: number

  @flags.string({ description: 'open (default), resolved or all' })
  declare status?: string

  @flags.number({ description: 'Rows to show', default: 50 })
  declare limit: number

  async run() {
    const { listDeadLetters } = await import('#workflows/reliability/dead_letters')
    const { age, pointInTime, truncate } = await import('#workflows/reliability/dlq_format')
    const { ERROR_CATEGORIES } = await import('#workflows/nodes/types')
    if (this.category && !ERROR_CATEGORIES.includes(this.category as never)) {
      this.logger.error(`--category must be one of ${ERROR_CATEGORIES.join(', ')}`)
      this.exitCode = 1
      return
    }
    const status = (this.status ?? 'open') as 'open' | 'resolved' | 'all'
    if (!['open', 'resolved', 'all'].includes(status)) {
      this.logger.error('--status must be open, resolved or all')
      this.exitCode = 1
      return
    }
    let since: Date | undefined
    if (this.since) {
      since = pointInTime(this.since) ?? undefined
      if (!since) {
        this.logger.error(`--since "${this.since}" is neither a duration (7d) nor a date`)
        this.exitCode = 1
        return
      }
    }
    const rows = await listDeadLetters({
      workflowId: this.workflow,
      category: this.category,
      since,
      tenantId: this.tenant,
      status,
      limit: this.limit,
    })
    if (rows.length === 0) {
      this.logger.info('The dead-letter queue is empty for these filters')
      return
    }
    const table = this.ui.table()
    table.head(['ID', 'Execution', 'Workflow', 'Failed step', 'Category', 'Error', 'Age', 'Status'])
    for (const row of rows) {
      table.row([
        String(row.id),
        String(row.executionId),
        truncate(`${row.workflowId} ${row.workflowName ?? ''}`, 28),
        row.nodeId ? truncate(`${row.nodeId} (${row.nodeType ?? '?'})`, 28) : '-',
        row.category,
        truncate(row.message, 48),
        age(row.createdAt),
        row.status === 'open' ? 'open' : `${row.resolution}`,
      ])
    }
    table.render()
    this.logger.info(
      `${rows.length} dead letter(s)${rows.length === this.limit ? ' (more: raise --limit)' : ''}`
    )
  }
}
