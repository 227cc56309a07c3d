import { test } from '@japa/runner'
import {
  backoffDelay,
  nextRetry,
  parsePolicy,
  resolvePolicy,
  type RetryPolicy,
} from '#workflows/reliability/retry_policy'

const policy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  maxAttempts: 5,
  backoff: 'exponential',
  delayMs: 1000,
  maxDelayMs: 10_000,
  jitter: 0,
  categories: ['transient', 'timeout', 'rate_limited'],
  ...overrides,
})

test.group('Retry policy', () => {
  test('exponential backoff doubles per retry and stops at the max delay', ({ assert }) => {
    const p = policy()
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((retry) => backoffDelay(p, retry)),
      [1000, 2000, 4000, 8000, 10_000]
    )
    assert.deepEqual(
      [1, 2, 3].map((retry) => backoffDelay(policy({ backoff: 'fixed' }), retry)),
      [1000, 1000, 1000]
    )
  })

  test('jitter draws the delay from [delay × (1 − jitter), delay]', ({ assert }) => {
    const p = policy({ jitter: 0.5 })
    const error = { category: 'transient' as const }
    const low = nextRetry(error, 2, p, () => 1)
    const high = nextRetry(error, 2, p, () => 0)
    const mid = nextRetry(error, 2, p, () => 0.5)
    assert.deepInclude(low, { retry: true, delayMs: 1000, attempt: 3 })
    assert.deepInclude(high, { retry: true, delayMs: 2000 })
    assert.deepInclude(mid, { retry: true, delayMs: 1500 })
  })

  test('gives up after max attempts', ({ assert }) => {
    const decision = nextRetry({ category: 'transient' }, 5, policy(), () => 0)
    assert.deepEqual(decision, { retry: false, reason: 'gave up after 5 attempts' })
    assert.isTrue(nextRetry({ category: 'transient' }, 4, policy(), () => 0).retry)
  })

  test('Retry-After is honoured as a lower bound and capped by the max delay', ({ assert }) => {
    const p = policy()
    assert.deepInclude(
      nextRetry({ category: 'rate_limited', retryAfterMs: 7000 }, 1, p, () => 0),
      {
        retry: true,
        delayMs: 7000,
      }
    )
    assert.deepInclude(
      nextRetry({ category: 'rate_limited', retryAfterMs: 60_000 }, 1, p, () => 0),
      { delayMs: 10_000 }
    )
    // A Retry-After shorter than the backoff does not shorten it.
    assert.deepInclude(
      nextRetry({ category: 'rate_limited', retryAfterMs: 10 }, 3, p, () => 0),
      {
        delayMs: 4000,
      }
    )
  })

  test('validation, auth, business, not_found and internal are never retried', ({ assert }) => {
    const everything = policy({ categories: ['validation', 'auth'] as any })
    for (const category of ['validation', 'auth', 'business', 'not_found', 'internal'] as const) {
      const decision = nextRetry({ category }, 1, everything, () => 0)
      assert.isFalse(decision.retry, category)
    }
    // parsePolicy drops the non-retryable categories a user listed.
    assert.deepEqual(parsePolicy({ categories: ['validation', 'timeout'] })!.categories, [
      'timeout',
    ])
  })

  test('per-category defaults apply when nothing is configured', ({ assert }) => {
    const transient = resolvePolicy('transient', undefined, undefined)!
    assert.equal(transient.maxAttempts, 3)
    assert.equal(transient.backoff, 'exponential')
    assert.equal(resolvePolicy('rate_limited', null, null)!.maxAttempts, 5)
    assert.isNull(resolvePolicy('validation', undefined, undefined))
  })

  test('node policy overrides the workflow default field by field', ({ assert }) => {
    const workflow = { maxAttempts: 4, backoff: 'fixed', delayMs: 250, categories: ['transient'] }
    const fromWorkflow = resolvePolicy('transient', undefined, workflow)!
    assert.deepInclude(fromWorkflow, { maxAttempts: 4, backoff: 'fixed', delayMs: 250 })
    const fromNode = resolvePolicy('transient', { maxAttempts: 2 }, workflow)!
    assert.deepInclude(fromNode, { maxAttempts: 2, backoff: 'fixed', delayMs: 250 })
    // The workflow's category list excludes timeouts: no retry for them.
    assert.isNull(resolvePolicy('timeout', undefined, workflow))
    // maxAttempts 1 disables retries for the node.
    assert.isFalse(
      nextRetry({ category: 'transient' }, 1, resolvePolicy('transient', { maxAttempts: 1 }, null))
        .retry
    )
  })

  test('invalid numbers fall back and are clamped', ({ assert }) => {
    const parsed = parsePolicy({ maxAttempts: 'lots', delayMs: -5, jitter: 7, backoff: 'weird' })!
    assert.equal(parsed.maxAttempts, 3)
    assert.equal(parsed.delayMs, 0)
    assert.equal(parsed.jitter, 1)
    assert.equal(parsed.backoff, 'exponential')
    assert.equal(parsePolicy({ maxAttempts: 1000 })!.maxAttempts, 20)
    assert.isNull(parsePolicy('nope'))
  })
})
