/**
 * Retry policies (issue 5, EH01/EH09). Pure: no I/O, no clock; the executor asks `nextRetry`
 * after a failed attempt and either sleeps in the worker (short delays) or parks the step as a
 * persisted wait resumed by a delayed job (long delays).
 *
 * Resolution order for a step: the node's `config.retry` → the workflow's default
 * (`workflows.reliability.retry`) → the per-category defaults below. A policy lists the error
 * categories it retries; validation, auth, business, not_found and internal failures are never
 * retried whatever a policy says, because repeating them cannot change the answer.
 */
import type { ErrorCategory, NodeErrorJson } from '#workflows/nodes/types'

export type Backoff = 'fixed' | 'exponential'

export interface RetryPolicy {
  /** Total attempts including the first one (1 = no retry). */
  maxAttempts: number
  backoff: Backoff
  /** Delay before the first retry. */
  delayMs: number
  /** Upper bound of any single delay (Retry-After included). */
  maxDelayMs: number
  /** 0..1: the delay is drawn uniformly from [delay × (1 − jitter), delay]. */
  jitter: number
  categories: ErrorCategory[]
}

/** Categories a retry can never fix. */
export const NEVER_RETRIED: ErrorCategory[] = [
  'validation',
  'auth',
  'business',
  'not_found',
  'internal',
]
export const RETRYABLE: ErrorCategory[] = ['transient', 'timeout', 'rate_limited']

/** What happens with no policy configured anywhere, per category. */
export const CATEGORY_DEFAULTS: Partial<Record<ErrorCategory, Omit<RetryPolicy, 'categories'>>> = {
  transient: {
    maxAttempts: 3,
    backoff: 'exponential',
    delayMs: 500,
    maxDelayMs: 60_000,
    jitter: 0.2,
  },
  timeout: { maxAttempts: 2, backoff: 'fixed', delayMs: 1_000, maxDelayMs: 60_000, jitter: 0.2 },
  rate_limited: {
    maxAttempts: 5,
    backoff: 'exponential',
    delayMs: 1_000,
    maxDelayMs: 300_000,
    jitter: 0.2,
  },
}

export const HARD_MAX_ATTEMPTS = 20
export const HARD_MAX_DELAY_MS = 24 * 3600_000

export type RetryDecision =
  | { retry: true; delayMs: number; attempt: number; reason: string }
  | { retry: false; reason: string }

const clampInt = (value: unknown, min: number, max: number, fallback: number) => {
  const n = Number(value)
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.floor(n))) : fallback
}

/**
 * Normalises a user-written policy (node config or workflow settings). Unknown or invalid
 * fields fall back to `base`; returns null when `raw` is not an object.
 */
export function parsePolicy(raw: unknown, base?: RetryPolicy | null): RetryPolicy | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null
  const value = raw as Record<string, unknown>
  const fallback: RetryPolicy = base ?? {
    maxAttempts: 3,
    backoff: 'exponential',
    delayMs: 1000,
    maxDelayMs: 60_000,
    jitter: 0.2,
    categories: [...RETRYABLE],
  }
  const categories = Array.isArray(value.categories)
    ? (value.categories.filter((c) => RETRYABLE.includes(c as ErrorCategory)) as ErrorCategory[])
    : fallback.categories
  const jitter = Number(value.jitter)
  return {
    maxAttempts: clampInt(value.maxAttempts, 1, HARD_MAX_ATTEMPTS, fallback.maxAttempts),
    backoff:
      value.backoff === 'fixed' || value.backoff === 'exponential'
        ? value.backoff
        : fallback.backoff,
    delayMs: clampInt(value.delayMs, 0, HARD_MAX_DELAY_MS, fallback.delayMs),
    maxDelayMs: clampInt(value.maxDelayMs, 0, HARD_MAX_DELAY_MS, fallback.maxDelayMs),
    jitter: Number.isFinite(jitter) ? Math.min(1, Math.max(0, jitter)) : fallback.jitter,
    categories,
  }
}

/** The policy that applies to `category` given the node's and the workflow's settings. */
export function resolvePolicy(
  category: ErrorCategory,
  nodeRetry: unknown,
  workflowRetry: unknown
): RetryPolicy | null {
  const workflow = parsePolicy(workflowRetry)
  const node = parsePolicy(nodeRetry, workflow)
  const configured = node ?? workflow
  if (configured) return configured.categories.includes(category) ? configured : null
  const defaults = CATEGORY_DEFAULTS[category]
  return defaults ? { ...defaults, categories: [category] } : null
}

/** Delay before retry number `retry` (1 = first retry), before jitter and Retry-After. */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  const base =
    policy.backoff === 'fixed' ? policy.delayMs : policy.delayMs * 2 ** Math.max(0, retry - 1)
  return Math.min(base, policy.maxDelayMs)
}

/**
 * Decides whether the step that just failed on `attempt` (1-based) runs again, and after how
 * long. `random` is injectable so tests are deterministic. A server's Retry-After
 * (`error.retryAfterMs`) is honoured as a lower bound, still capped by `maxDelayMs`.
 */
export function nextRetry(
  error: Pick<NodeErrorJson, 'category' | 'retryAfterMs'>,
  attempt: number,
  policy: RetryPolicy | null,
  random: () => number = Math.random
): RetryDecision {
  if (NEVER_RETRIED.includes(error.category)) {
    return { retry: false, reason: `${error.category} errors are not retried` }
  }
  if (!policy) return { retry: false, reason: `no retry policy for ${error.category} errors` }
  if (attempt >= policy.maxAttempts) {
    return { retry: false, reason: `gave up after ${attempt} attempt${attempt === 1 ? '' : 's'}` }
  }
  const planned = backoffDelay(policy, attempt)
  const jittered = Math.round(planned * (1 - policy.jitter * random()))
  const retryAfter = Number(error.retryAfterMs)
  const delayMs = Math.min(
    Number.isFinite(retryAfter) && retryAfter > jittered ? retryAfter : jittered,
    policy.maxDelayMs
  )
  return {
    retry: true,
    delayMs: Math.max(0, delayMs),
    attempt: attempt + 1,
    reason:
      Number.isFinite(retryAfter) && retryAfter > jittered
        ? `retry after ${delayMs} ms (Retry-After)`
        : `retry ${attempt} of ${policy.maxAttempts - 1} in ${delayMs} ms`,
  }
}
