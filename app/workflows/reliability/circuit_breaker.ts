/**
 * Circuit breakers per integration target (tenant + host), shared by every worker through Redis
 * (issue 5). The policy is cockatiel's (ConsecutiveBreaker + halfOpenAfter); its state
 * (`toJSON()`) lives in Redis under `wf:breaker:<tenant>:<host>`, loaded before each call and
 * saved after it, so a breaker opened by one worker fails calls fast in every other one.
 *
 * What counts as a failure: connection errors, timeouts, and answers 5xx / 408 / 429. Other
 * answers (4xx) are the caller's problem and count as success. While open, calls fail fast
 * with a `transient` NodeError (`code: circuit_open`, `retryAfterMs` = the rest of the cool-down,
 * `details.breakerHost`), so retry policies wait for the half-open probe. When a probe succeeds
 * and the breaker closes, the dead-lettered executions that failed on that host are retried
 * automatically (self-healing, see self_healing.ts).
 */
import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
} from 'cockatiel'
import type { HttpResponseData, HttpService } from '#workflows/nodes/types'
import { NodeError } from '#workflows/nodes/types'
import { classifyError } from '#workflows/nodes/errors'

export const breakerSettings = {
  /** Consecutive failures that open a breaker. */
  threshold: Number(process.env.WORKFLOW_BREAKER_THRESHOLD ?? 5),
  /** Cool-down before a half-open probe. */
  halfOpenAfterMs: Number(process.env.WORKFLOW_BREAKER_COOLDOWN_MS ?? 30_000),
}

const FAILING_STATUS = (status: number) => status >= 500 || status === 429 || status === 408

class FailingAnswer extends Error {
  constructor(readonly response: HttpResponseData) {
    super(`HTTP ${response.status}`)
  }
}

export function breakerKey(tenantId: number, host: string) {
  return `wf:breaker:${tenantId}:${host.toLowerCase()}`
}

interface StoredState {
  policy: unknown
  openedAt: number | null
}

async function load(key: string): Promise<StoredState | null> {
  const raw = await redis.get(key)
  if (!raw) return null
  try {
    return JSON.parse(raw) as StoredState
  } catch {
    return null
  }
}

function policyFor(stored: StoredState | null): CircuitBreakerPolicy {
  return circuitBreaker(
    handleWhen((error) => error instanceof FailingAnswer || classifyError(error).retryable),
    {
      halfOpenAfter: breakerSettings.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(breakerSettings.threshold),
      initialState: stored?.policy ?? undefined,
    }
  )
}

/** The breaker state of a target as every worker sees it (for the API and tests). */
export async function breakerState(tenantId: number, host: string) {
  const stored = await load(breakerKey(tenantId, host))
  if (!stored) return { state: 'closed' as const, openedAt: null }
  const state = policyFor(stored).state
  const name =
    state === CircuitState.Open || state === CircuitState.Isolated
      ? 'open'
      : state === CircuitState.HalfOpen
        ? 'half_open'
        : 'closed'
  return { state: name as 'open' | 'half_open' | 'closed', openedAt: stored.openedAt }
}

/** Runs `call` through the shared breaker of (tenant, host). */
export async function throughBreaker(
  tenantId: number,
  host: string,
  call: () => Promise<HttpResponseData>
): Promise<HttpResponseData> {
  const key = breakerKey(tenantId, host)
  const stored = await load(key)
  const policy = policyFor(stored)
  let openedAt = stored?.openedAt ?? null
  let closed = false
  policy.onBreak(() => {
    openedAt = Date.now()
  })
  policy.onReset(() => {
    closed = stored !== null && openedAt !== null
    openedAt = null
  })
  const save = () =>
    redis
      .set(key, JSON.stringify({ policy: policy.toJSON(), openedAt }), 'EX', 7 * 86_400)
      .catch((error) => logger.warn({ err: error, key }, 'breaker state not saved'))
  try {
    const response = await policy.execute(async () => {
      const answer = await call()
      if (FAILING_STATUS(answer.status)) throw new FailingAnswer(answer)
      return answer
    })
    await save()
    if (closed) {
      // Imported lazily: self-healing reaches the runtime, which imports this module.
      import('#workflows/reliability/self_healing')
        .then(({ healTarget }) => healTarget(tenantId, host))
        .catch((error) => logger.warn({ err: error }, 'self-healing failed'))
    }
    return response
  } catch (error) {
    if (error instanceof BrokenCircuitError) {
      const waited = openedAt ? Date.now() - openedAt : 0
      throw new NodeError(
        'transient',
        `Circuit open for ${host}: calls are paused after repeated failures`,
        {
          code: 'circuit_open',
          retryAfterMs: Math.max(0, breakerSettings.halfOpenAfterMs - waited),
          details: { breakerHost: host },
        }
      )
    }
    await save()
    if (error instanceof FailingAnswer) return error.response
    const nodeError = classifyError(error)
    throw new NodeError(nodeError.category, nodeError.message, {
      code: nodeError.code,
      details: { ...nodeError.details, breakerHost: host },
      retryAfterMs: nodeError.retryAfterMs,
      cause: error,
    })
  }
}

/** `ctx.services.http` with the tenant's per-host breakers in front of it. */
export function withBreaker(http: HttpService, tenantId: number): HttpService {
  return {
    request(spec) {
      let host: string
      try {
        host = new URL(spec.url).host
      } catch {
        return http.request(spec)
      }
      return throughBreaker(tenantId, host, () => http.request(spec))
    },
  }
}

/** Test and admin helper: forget a target's breaker. */
export async function resetBreaker(tenantId: number, host: string) {
  await redis.del(breakerKey(tenantId, host))
}
