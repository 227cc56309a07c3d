/**
 * Schedule triggers: one croner job per active version with a schedule trigger. Several scheduler
 * processes may run (high availability); each tick fires once: the first process to `SET NX` the
 * key (version, planned tick time) in Redis starts the execution, and the executions table's
 * unique (version, trigger key `tick:<time>`) is the backstop if Redis loses the key.
 *
 * The planned tick time comes from croner's calculation (identical in every process), not from
 * the wall clock at the moment the callback runs.
 */
import { Cron } from 'croner'
import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import {
  activeTriggers,
  triggerIndex,
  type IndexedTrigger,
} from '#workflows/triggers/trigger_index'
import { startExecution } from '#workflows/services/execution_service'
import type { ScheduleConfig } from '#workflows/nodes/triggers/schedule'

const CLAIM_TTL_SECONDS = 24 * 3600

/** Starts the execution of one tick unless another scheduler already did. */
export async function fireTick(
  trigger: IndexedTrigger,
  scheduledFor: Date
): Promise<number | null> {
  const tick = scheduledFor.toISOString()
  const claimed = await redis.set(
    `workflows:tick:${trigger.versionId}:${tick}`,
    '1',
    'EX',
    CLAIM_TTL_SECONDS,
    'NX'
  )
  if (claimed !== 'OK') return null
  return startExecution({
    tenantId: trigger.tenantId,
    workflowId: trigger.workflowId,
    versionId: trigger.versionId,
    triggerType: trigger.node.type,
    triggerKey: `tick:${tick}`,
    priority: trigger.priority,
    input: { scheduledFor: tick, firedAt: new Date().toISOString() },
  })
}

interface ScheduledJob {
  cron: Cron
  key: string
}

export class WorkflowScheduler {
  #jobs = new Map<number, ScheduledJob>()
  #refresh: NodeJS.Timeout | null = null
  #unsubscribe: (() => void) | null = null
  #reloading: Promise<void> | null = null
  #dirty = false
  readonly fired: Array<{ versionId: number; scheduledFor: string; executionId: number }> = []

  constructor(private readonly refreshMs = 60_000) {}

  get size() {
    return this.#jobs.size
  }

  async start() {
    this.#unsubscribe = triggerIndex.onInvalidate(() => void this.reload())
    await this.reload()
    this.#refresh = setInterval(() => void this.reload(), this.refreshMs)
  }

  /** Re-reads the active schedule triggers; unchanged versions keep their running job. */
  async reload(): Promise<void> {
    if (this.#reloading) {
      this.#dirty = true
      return this.#reloading
    }
    this.#reloading = (async () => {
      do {
        this.#dirty = false
        try {
          this.sync(await activeTriggers({ kind: 'schedule' }))
        } catch (error) {
          logger.warn({ err: error }, 'scheduler reload failed')
        }
      } while (this.#dirty)
    })().finally(() => {
      this.#reloading = null
    })
    return this.#reloading
  }

  private sync(triggers: IndexedTrigger[]) {
    const seen = new Set<number>()
    for (const trigger of triggers) {
      const config = trigger.node.config as unknown as ScheduleConfig
      const key = `${config.cron}|${config.timezone}`
      seen.add(trigger.versionId)
      const existing = this.#jobs.get(trigger.versionId)
      if (existing?.key === key) continue
      existing?.cron.stop()
      try {
        this.#jobs.set(trigger.versionId, { cron: this.schedule(trigger, config), key })
      } catch (error) {
        logger.warn({ err: error, workflowId: trigger.workflowId }, 'invalid schedule')
      }
    }
    for (const [versionId, job] of this.#jobs) {
      if (seen.has(versionId)) continue
      job.cron.stop()
      this.#jobs.delete(versionId)
    }
  }

  private schedule(trigger: IndexedTrigger, config: ScheduleConfig) {
    let planned: Date | null = null
    const cron = new Cron(
      config.cron,
      { timezone: config.timezone || 'UTC', protect: true },
      () => {
        const scheduledFor = planned ?? new Date(Math.round(Date.now() / 1000) * 1000)
        planned = cron.nextRun()
        fireTick(trigger, scheduledFor)
          .then((executionId) => {
            if (executionId) {
              this.fired.push({
                versionId: trigger.versionId,
                scheduledFor: scheduledFor.toISOString(),
                executionId,
              })
              if (this.fired.length > 1000) this.fired.shift()
            }
          })
          .catch((error) =>
            logger.error({ err: error, workflowId: trigger.workflowId }, 'tick failed')
          )
      }
    )
    planned = cron.nextRun()
    return cron
  }

  stop() {
    if (this.#refresh) clearInterval(this.#refresh)
    this.#unsubscribe?.()
    for (const job of this.#jobs.values()) job.cron.stop()
    this.#jobs.clear()
  }
}
