import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Shows one dead letter: the failed step, its error, the input and the steps that ran. */
export default class WorkflowDlqShow extends BaseCommand {
  static commandName = 'workflow:dlq:show'
  static description = 'Show a dead-lettered execution (error, input, steps)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Dead letter id (see workflow:dlq:list)' })
  declare id: string

  async run() {
    const { findDeadLetter } = await import('#workflows/reliability/dead_letters')
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const id = Number(this.id)
    const letter = Number.isSafeInteger(id) && id > 0 ? await findDeadLetter(id) : null
    if (!letter) {
      this.logger.error(`Dead letter ${this.id} does not exist`)
      this.exitCode = 1
      return
    }
    const summary = this.ui.table()
    summary.head(['Field', 'Value'])
    summary.row(['Dead letter', String(letter.id)])
    summary.row(['Execution', String(letter.executionId)])
    summary.row(['Workflow', `${letter.workflowId} ${letter.workflowName ?? ''}`])
    summary.row(['Tenant', String(letter.tenantId)])
    summary.row(['Failed step', letter.nodeId ? `${letter.nodeId} (${letter.nodeType})` : '-'])
    summary.row(['Category', letter.category])
    summary.row(['Message', letter.message])
    summary.row(['Since', letter.createdAt.toISOString()])
    summary.row([
      'Status',
      letter.status === 'open'
        ? 'open'
        : `${letter.resolution}${letter.replayExecutionId ? ` → execution ${letter.replayExecutionId}` : ''}`,
    ])
    summary.render()

    this.logger.log(this.colors.bold('Input'))
    this.logger.log(JSON.stringify(letter.input, null, 2))
    this.logger.log(this.colors.bold('Error'))
    this.logger.log(JSON.stringify(letter.error, null, 2))

    const steps = await db
      .from('execution_steps')
      .where('execution_id', letter.executionId)
      .orderBy('seq')
      .select('node_id', 'node_type', 'scope_key', 'status', 'attempt', 'duration_ms')
    const table = this.ui.table()
    table.head(['Step', 'Type', 'Scope', 'Status', 'Attempt', 'ms'])
    for (const step of steps) {
      table.row([
        step.node_id,
        step.node_type,
        step.scope_key || '-',
        step.status,
        String(step.attempt),
        step.duration_ms === null ? '-' : String(step.duration_ms),
      ])
    }
    table.render()
  }
}
