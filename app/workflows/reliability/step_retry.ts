/**
 * The executor's retry loop for one step (issue 5). Short delays are slept in the worker; a delay
 * longer than `retrySettings.inlineMaxMs` is handed back so the executor parks the step as a
 * persisted `retry` wait, frees the worker, and a delayed job resumes it (the step then re-runs
 * with the next attempt number and the same idempotency key).
 */
import type { RunNodeResult } from '#workflows/nodes/run_node'
import { NodeError } from '#workflows/nodes/types'
import { nextRetry, resolvePolicy, type RetryDecision } from '#workflows/reliability/retry_policy'
import { workflowReliability } from '#workflows/reliability/workflow_settings'

export const retrySettings = {
  /** Delays up to this long are slept in the worker; longer ones persist as a wait. */
  inlineMaxMs: Number(process.env.WORKFLOW_RETRY_INLINE_MAX_MS ?? 2_000),
  /** Injectable clock: tests replace it with a fake one to check the timing without sleeping. */
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
  random: Math.random,
}

/** The wait kind the executor stores for a persisted retry. */
export const RETRY_WAIT_KIND = 'retry'

export interface RetriedResult {
  result: RunNodeResult
  attempt: number
  /** Set when the next attempt must wait long: the executor parks the step until then. */
  retryAt?: { at: number; decision: Extract<RetryDecision, { retry: true }> }
  /** Why the last failure was not retried (for the step's error details). */
  gaveUp?: string
}

/** Step timeout override from the node's config (`timeoutMs`), if any and sane. */
export function nodeTimeoutMs(config: Record<string, unknown>): number | undefined {
  const value = Number(config.timeoutMs)
  return Number.isFinite(value) && value >= 1 ? Math.min(Math.floor(value), 3_600_000) : undefined
}

export async function runWithRetries(input: {
  workflowId: number
  nodeConfig: Record<string, unknown>
  attempt: number
  run: (attempt: number) => Promise<RunNodeResult>
}): Promise<RetriedResult> {
  const settings = await workflowReliability(input.workflowId)
  let attempt = input.attempt
  while (true) {
    const result = await input.run(attempt)
    if (result.ok) return { result, attempt }
    const error = result.error
    const policy = resolvePolicy(error.category, input.nodeConfig.retry, settings.retry)
    const decision = nextRetry(error, attempt, policy, retrySettings.random)
    if (!decision.retry) {
      if (attempt === 1) return { result, attempt, gaveUp: decision.reason }
      // Keep the count on the stored error: "failed after 3 attempts" is what people look for.
      const annotated = new NodeError(error.category, error.message, {
        code: error.code,
        details: { ...error.details, attempts: attempt, retry: decision.reason },
        retryAfterMs: error.retryAfterMs,
        cause: error.cause,
      })
      return { result: { ...result, error: annotated }, attempt, gaveUp: decision.reason }
    }
    if (decision.delayMs > retrySettings.inlineMaxMs) {
      return { result, attempt, retryAt: { at: retrySettings.now() + decision.delayMs, decision } }
    }
    await retrySettings.sleep(decision.delayMs)
    attempt = decision.attempt
  }
}
