import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Starts a workflow's published version by hand and waits for the result, printing each step as
 * it finishes. The execution runs on the workers (start one with `node ace workflow:work`), or in
 * this process with --inline.
 */
export default class WorkflowRun extends BaseCommand {
  static commandName = 'workflow:run'
  static description = 'Run a workflow with a JSON input and wait for the result'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Workflow id' })
  declare workflow: string

  @flags.string({ description: 'Input as JSON', default: '{}' })
  declare input: string

  @flags.number({ description: 'Seconds to wait for the result', default: 60 })
  declare timeout: number

  @flags.boolean({ description: 'Run in this process instead of on a worker', default: false })
  declare inline: boolean

  async run() {
    let input: Record<string, unknown>
    try {
      input = JSON.parse(this.input)
      if (!input || typeof input !== 'object' || Array.isArray(input))
        throw new Error('not an object')
    } catch (error) {
      this.logger.error(`--input must be a JSON object: ${(error as Error).message}`)
      this.exitCode = 1
      return
    }
    const { default: Workflow } = await import('#workflows/models/workflow')
    const { runManually, waitForExecution } = await import('#workflows/services/execution_service')
    const { WorkflowError } = await import('#workflows/services/workflow_error')
    const { default: ExecutionStep } = await import('#workflows/models/execution_step')

    const workflow = await Workflow.find(this.workflow)
    if (!workflow) {
      this.logger.error(`Workflow ${this.workflow} does not exist`)
      this.exitCode = 1
      return
    }
    let executionId: number
    try {
      executionId = await runManually(workflow, input)
    } catch (error) {
      if (error instanceof WorkflowError) {
        this.logger.error(error.message)
        for (const issue of error.issues)
          this.logger.error(`  ${issue.field ?? ''} ${issue.message}`)
        this.exitCode = 1
        return
      }
      throw error
    }
    console.log(`execution ${executionId}`)

    if (this.inline) {
      const { ExecutionRunner } = await import('#workflows/runtime/executor')
      await new ExecutionRunner(`cli:${process.pid}`, 30_000).run(executionId)
    }
    const printed = new Set<number>()
    const progress = async () => {
      const steps = await ExecutionStep.query()
        .where('execution_id', executionId)
        .whereIn('status', ['succeeded', 'failed', 'waiting'])
        .orderBy('seq')
      for (const step of steps) {
        if (printed.has(step.id)) continue
        printed.add(step.id)
        const scope = step.scopeKey ? ` [${step.scopeKey}]` : ''
        this.logger.log(
          `  ${step.status === 'failed' ? '✖' : step.status === 'waiting' ? '…' : '✔'} ${step.nodeId}${scope} (${step.nodeType}) ${step.durationMs ?? 0} ms`
        )
      }
    }
    const execution = await waitForExecution(executionId, this.timeout * 1000, () => {
      void progress()
    })
    await progress()
    if (!execution || !execution.isFinished) {
      this.logger.warning(
        `execution ${executionId} is still ${execution?.status ?? 'unknown'} after ${this.timeout}s`
      )
      this.exitCode = 2
      return
    }
    if (execution.status === 'succeeded') {
      this.logger.success(`execution ${executionId} succeeded`)
      console.log(JSON.stringify(execution.output, null, 2))
    } else {
      this.logger.error(`execution ${executionId} ${execution.status}`)
      console.log(JSON.stringify(execution.error, null, 2))
      this.exitCode = 1
    }
  }

  async completed() {
    const { closeProducers } = await import('#workflows/runtime/queue')
    await closeProducers()
  }
}
