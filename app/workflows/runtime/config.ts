/**
 * Tunables of the durable runtime. Defaults suit production; tests and the benchmark shorten the
 * lease and sweep intervals through the environment so crash recovery is observable quickly.
 */
import env from '#start/env'

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]
  const value = raw === undefined || raw === '' ? Number.NaN : Number(raw)
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback
}

export const runtimeConfig = {
  /** Executions one worker process advances at once. */
  get concurrency() {
    return env.get('WORKFLOW_CONCURRENCY') ?? 10
  },
  /** How long a worker's claim on an execution lasts without a checkpoint or heartbeat. */
  get leaseMs() {
    return intFromEnv('WORKFLOW_LEASE_MS', 30_000)
  },
  /** How often the sweeper looks for executions whose job was lost or whose worker died. */
  get sweepIntervalMs() {
    return intFromEnv('WORKFLOW_SWEEP_MS', 5_000)
  },
  /** A queued execution younger than this is assumed to still have its job in flight. */
  get sweepGraceMs() {
    return intFromEnv('WORKFLOW_SWEEP_GRACE_MS', 30_000)
  },
  /** bee-queue stalled-job check interval (a killed worker's active jobs come back after it). */
  get stallIntervalMs() {
    return intFromEnv('WORKFLOW_STALL_MS', 5_000)
  },
  /** Webhook request body limit (bytes); larger bodies answer 413. */
  get webhookMaxBytes() {
    return intFromEnv('WORKFLOW_WEBHOOK_MAX_BYTES', 256 * 1024)
  },
}
