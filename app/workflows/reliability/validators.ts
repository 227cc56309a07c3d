import vine from '@vinejs/vine'
import { ERROR_CATEGORIES } from '#workflows/nodes/types'

export const skipStepValidator = vine.create({
  nodeId: vine.string().trim().maxLength(100).optional(),
  scopeKey: vine.string().maxLength(200).optional(),
  /** The output the skipped step is recorded with (any JSON, default null). */
  output: vine.any().optional(),
})

export const replayValidator = vine.create({
  mode: vine.enum(['from_start', 'from_failed_step'] as const).optional(),
  latestVersion: vine.boolean().optional(),
  /** An edited input (from_start only). */
  input: vine.record(vine.any()).optional(),
})

export const deadLettersValidator = vine.create({
  workflowId: vine.number().positive().withoutDecimals().optional(),
  category: vine.enum(ERROR_CATEGORIES).optional(),
  since: vine.date({ formats: { utc: true } }).optional(),
  status: vine.enum(['open', 'resolved', 'all'] as const).optional(),
  afterId: vine.number().positive().withoutDecimals().optional(),
  limit: vine.number().range([1, 200]).withoutDecimals().optional(),
})

export const analyticsValidator = vine.create({
  days: vine.number().range([1, 365]).withoutDecimals().optional(),
  workflowId: vine.number().positive().withoutDecimals().optional(),
})

const retryPolicy = vine.object({
  maxAttempts: vine.number().range([1, 20]).withoutDecimals().optional(),
  backoff: vine.enum(['fixed', 'exponential'] as const).optional(),
  delayMs: vine.number().range([0, 86_400_000]).withoutDecimals().optional(),
  maxDelayMs: vine.number().range([0, 86_400_000]).withoutDecimals().optional(),
  jitter: vine.number().range([0, 1]).optional(),
  categories: vine.array(vine.enum(['transient', 'timeout', 'rate_limited'] as const)).optional(),
})

export const reliabilitySettingsValidator = vine.create({
  retry: retryPolicy.nullable().optional(),
  errorWorkflowId: vine.number().positive().withoutDecimals().nullable().optional(),
  notifyOwner: vine.boolean().optional(),
  concurrency: vine
    .object({
      limit: vine.number().range([1, 1000]).withoutDecimals().nullable().optional(),
      key: vine.string().trim().maxLength(200).nullable().optional(),
    })
    .nullable()
    .optional(),
})

export const quotasValidator = vine.create({
  executionsPerDay: vine.number().range([1, 100_000_000]).withoutDecimals().nullable(),
  executionsPerMonth: vine.number().range([1, 1_000_000_000]).withoutDecimals().nullable(),
})

export const queueActionValidator = vine.create({
  action: vine.enum(['pause', 'resume', 'cancel_queued', 'retry_failed', 'drain'] as const),
  workflowId: vine.number().positive().withoutDecimals().optional(),
  category: vine.enum(ERROR_CATEGORIES).optional(),
})
