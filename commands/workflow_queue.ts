import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Queue management: `status` (default) prints executions per state and priority and the Redis
 * job counts; `pause` / `resume` a workflow's queued executions; `cancel-queued`; `retry-failed`
 * (open dead letters, from their failed step); `drain` (cancel queued and waiting).
 */
export default class WorkflowQueue extends BaseCommand {
  static commandName = 'workflow:queue'
  static description =
    'Queue status and actions: status | pause | resume | cancel-queued | retry-failed | drain'
  static options: CommandOptions = { startApp: true }

  @args.string({
    description: 'status, pause, resume, cancel-queued, retry-failed or drain',
    required: false,
  })
  declare action?: string

  @flags.number({ description: 'Only this workflow (id); required for pause/resume' })
  declare workflow?: number

  @flags.number({ description: 'Only this tenant (id)' })
  declare tenant?: number

  @flags.string({ description: 'retry-failed: only this error category' })
  declare category?: string

  async run() {
    const actions = await import('#workflows/reliability/queue_actions')
    const action = this.action ?? 'status'
    const scope = { tenantId: this.tenant, workflowId: this.workflow }
    if (action === 'status') return this.status(scope)
    if (action === 'pause' || action === 'resume') {
      if (!this.workflow) return this.fail('--workflow is required to pause or resume')
      const { default: db } = await import('@adonisjs/lucid/services/db')
      const workflow = await db.from('workflows').where('id', this.workflow).first()
      if (!workflow) return this.fail(`Workflow ${this.workflow} does not exist`)
      const result = await actions.setExecutionsPaused(
        Number(workflow.tenant_id),
        this.workflow,
        action === 'pause'
      )
      this.logger.success(
        action === 'pause'
          ? `Workflow ${this.workflow}: queued executions paused`
          : `Workflow ${this.workflow}: resumed, ${result.resumed} queued execution(s) woken`
      )
      return
    }
    if (action === 'cancel-queued') {
      const { cancelled } = await actions.cancelQueued(scope)
      this.logger.success(`${cancelled} queued execution(s) cancelled`)
      return
    }
    if (action === 'drain') {
      const { cancelled } = await actions.drain(scope)
      this.logger.success(`Drained: ${cancelled} queued or waiting execution(s) cancelled`)
      return
    }
    if (action === 'retry-failed') {
      const { retried, refused } = await actions.retryFailed({ ...scope, category: this.category })
      this.logger.success(`${retried} failed execution(s) retried from their failed step`)
      for (const item of refused)
        this.logger.warning(`execution ${item.executionId}: ${item.reason}`)
      return
    }
    this.fail(`Unknown action "${action}"`)
  }

  private async status(scope: { tenantId?: number; workflowId?: number }) {
    const { stateCounts } = await import('#workflows/reliability/queue_actions')
    const { queueCounts } = await import('#workflows/monitoring/queue_overview')
    const counts = await stateCounts(scope)
    const table = this.ui.table()
    table.head(['Executions', 'high', 'normal', 'low', 'total'])
    for (const [status, byPriority] of Object.entries(counts)) {
      const label = status === 'failed' ? 'failed (24 h)' : status
      const total = byPriority.high + byPriority.normal + byPriority.low
      table.row([
        label,
        String(byPriority.high),
        String(byPriority.normal),
        String(byPriority.low),
        String(total),
      ])
    }
    table.render()
    const jobs = this.ui.table()
    jobs.head(['Redis queue', 'waiting', 'active', 'delayed'])
    for (const queue of await queueCounts()) {
      jobs.row([
        queue.priority,
        queue.error ? queue.error : String(queue.waiting),
        String(queue.active),
        String(queue.delayed),
      ])
    }
    jobs.render()
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
