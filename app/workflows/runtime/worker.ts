/**
 * A worker process: consumes the three priority queues, runs executions with ExecutionRunner,
 * sweeps lost work, and shuts down gracefully (stop taking jobs, let in-flight executions release
 * at their next step boundary, close the queues).
 *
 * Concurrency: each queue may hand us up to `concurrency` jobs, but a shared gate lets only
 * `concurrency` executions run at once and serves waiting high-priority jobs first.
 */
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import type BeeQueue from 'bee-queue'
import logger from '@adonisjs/core/services/logger'
import {
  createQueue,
  enqueueExecution,
  QUEUE_PRIORITIES,
  type ExecutionJob,
} from '#workflows/runtime/queue'
import { ExecutionRunner, type RunOutcome } from '#workflows/runtime/executor'
import { sweepOnce } from '#workflows/runtime/sweeper'
import { runtimeConfig } from '#workflows/runtime/config'
import { flushFanOut } from '#core/realtime/fan_out'
import type { Priority } from '#workflows/models/workflow'

const RANK: Record<Priority, number> = { high: 0, normal: 1, low: 2 }

class PriorityGate {
  #running = 0
  #waiting: Array<{ rank: number; resolve: () => void }> = []
  constructor(private readonly limit: number) {}

  async acquire(priority: Priority) {
    if (this.#running < this.limit) {
      this.#running++
      return
    }
    await new Promise<void>((resolve) => {
      this.#waiting.push({ rank: RANK[priority], resolve })
      this.#waiting.sort((a, b) => a.rank - b.rank)
    })
  }

  release() {
    const next = this.#waiting.shift()
    if (next) next.resolve()
    else this.#running--
  }
}

export interface WorkerOptions {
  concurrency?: number
  leaseMs?: number
  sweepIntervalMs?: number
  onOutcome?: (executionId: number, outcome: RunOutcome) => void
}

export class WorkflowWorker {
  readonly id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  readonly runner: ExecutionRunner
  readonly concurrency: number
  #queues: BeeQueue<ExecutionJob>[] = []
  #gate: PriorityGate
  #sweeper: NodeJS.Timeout | null = null
  #stopping = false
  #inFlight = new Set<Promise<unknown>>()
  readonly stats = { succeeded: 0, failed: 0, waiting: 0, released: 0, skipped: 0, lost: 0 }

  constructor(private readonly options: WorkerOptions = {}) {
    this.concurrency = options.concurrency ?? runtimeConfig.concurrency
    this.runner = new ExecutionRunner(this.id, options.leaseMs ?? runtimeConfig.leaseMs)
    this.#gate = new PriorityGate(this.concurrency)
  }

  get stopping() {
    return this.#stopping
  }

  async start() {
    for (const priority of QUEUE_PRIORITIES) {
      const queue = createQueue(priority, 'worker')
      queue.on('error', (error) => logger.warn({ err: error, priority }, 'workflow queue error'))
      await queue.ready()
      // Each queue hands over up to 2 × concurrency jobs: the surplus waits in the gate, so when
      // a slot frees a waiting high-priority job is there to take it (issue 5 priority).
      queue.process(this.concurrency * 2, (job) => this.handle(job, priority))
      queue.checkStalledJobs(runtimeConfig.stallIntervalMs).catch(() => {})
      this.#queues.push(queue)
    }
    const interval = this.options.sweepIntervalMs ?? runtimeConfig.sweepIntervalMs
    this.#sweeper = setInterval(() => {
      sweepOnce(runtimeConfig.sweepGraceMs).catch((error) =>
        logger.warn({ err: error }, 'workflow sweeper failed')
      )
    }, interval)
  }

  private async handle(job: BeeQueue.Job<ExecutionJob>, priority: Priority) {
    await this.#gate.acquire(priority)
    if (this.#stopping) {
      // Not started: hand it to another worker (distinct job id: this job is still active;
      // this worker no longer fetches, so it cannot pick the new job up itself).
      this.#gate.release()
      await enqueueExecution(Number(job.data.executionId), priority, undefined, `s${Date.now()}`)
      return
    }
    const run = (async () => {
      try {
        const outcome = await this.runner.run(Number(job.data.executionId), this)
        this.stats[outcome]++
        this.options.onOutcome?.(Number(job.data.executionId), outcome)
      } catch (error) {
        logger.error({ err: error, executionId: job.data.executionId }, 'execution run failed')
      } finally {
        this.#gate.release()
      }
    })()
    this.#inFlight.add(run)
    try {
      await run
    } finally {
      this.#inFlight.delete(run)
    }
  }

  /**
   * Graceful stop: no new jobs; in-flight executions checkpoint and release at their next step
   * boundary (or finish), then the queues close. A step in flight is allowed to complete.
   */
  async stop() {
    if (this.#stopping) return
    this.#stopping = true
    if (this.#sweeper) clearInterval(this.#sweeper)
    // close() stops fetching jobs at once, then waits for the active ones, which release their
    // execution at the next step boundary (or finish the step in flight).
    await Promise.all(this.#queues.map((queue) => queue.close(60_000).catch(() => {})))
    await Promise.allSettled([...this.#inFlight])
    this.#queues = []
    flushFanOut()
  }
}
