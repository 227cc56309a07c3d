/**
 * Pure mapping between the reliability settings stored in node config / workflow settings
 * (see app/workflows/reliability/README.md) and the builder's form state. Kept free of Vue so
 * it is unit-tested on its own.
 */

export const RETRY_CATEGORIES = ['transient', 'timeout', 'rate_limited'] as const
export type RetryCategory = (typeof RETRY_CATEGORIES)[number]

export interface RetryForm {
  /** `inherit`: no `retry` key, the workflow default (or per-category defaults) applies. */
  mode: 'inherit' | 'custom'
  maxAttempts: number | null
  backoff: 'fixed' | 'exponential'
  delayMs: number | null
  maxDelayMs: number | null
  /** 0–1 fraction of the delay. */
  jitter: number | null
  categories: RetryCategory[]
}

/** What a new custom policy starts from (the server's fallback policy). */
export const DEFAULT_RETRY: Omit<RetryForm, 'mode'> = {
  maxAttempts: 3,
  backoff: 'exponential',
  delayMs: 1000,
  maxDelayMs: 60_000,
  jitter: 0.2,
  categories: [...RETRY_CATEGORIES],
}

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null

export function retryFormFrom(raw: unknown): RetryForm {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { mode: 'inherit', ...DEFAULT_RETRY, categories: [...DEFAULT_RETRY.categories] }
  }
  const value = raw as Record<string, unknown>
  return {
    mode: 'custom',
    maxAttempts: num(value.maxAttempts),
    backoff: value.backoff === 'fixed' ? 'fixed' : 'exponential',
    delayMs: num(value.delayMs),
    maxDelayMs: num(value.maxDelayMs),
    jitter: num(value.jitter),
    categories: Array.isArray(value.categories)
      ? RETRY_CATEGORIES.filter((c) => (value.categories as unknown[]).includes(c))
      : [...RETRY_CATEGORIES],
  }
}

/** The `retry` value to store; `undefined` (inherit) removes the key. Empty fields are left out. */
export function retryConfigFrom(form: RetryForm): Record<string, unknown> | undefined {
  if (form.mode === 'inherit') return undefined
  const out: Record<string, unknown> = { backoff: form.backoff }
  if (form.maxAttempts !== null) out.maxAttempts = Math.max(1, Math.round(form.maxAttempts))
  if (form.delayMs !== null) out.delayMs = Math.max(0, Math.round(form.delayMs))
  if (form.maxDelayMs !== null) out.maxDelayMs = Math.max(0, Math.round(form.maxDelayMs))
  if (form.jitter !== null) out.jitter = Math.min(1, Math.max(0, form.jitter))
  out.categories = RETRY_CATEGORIES.filter((c) => form.categories.includes(c))
  return out
}

export interface CompensationForm {
  type: string | null
  /** The compensating node's config as JSON text. */
  configText: string
}

export function compensationFormFrom(raw: unknown): CompensationForm {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { type: null, configText: '{}' }
  const value = raw as { type?: unknown; config?: unknown }
  return {
    type: typeof value.type === 'string' && value.type ? value.type : null,
    configText: JSON.stringify(value.config ?? {}, null, 2),
  }
}

/** Parses the JSON text of a config object; `error` says why it is not one. */
export function parseConfigObject(
  text: string
): { value: Record<string, unknown>; error: null } | { value: null; error: string } {
  if (!text.trim()) return { value: {}, error: null }
  try {
    const parsed = JSON.parse(text)
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return { value: null, error: 'The config must be a JSON object' }
    }
    return { value: parsed as Record<string, unknown>, error: null }
  } catch (error) {
    return { value: null, error: `Invalid JSON: ${(error as Error).message}` }
  }
}

/** Whether a node type gets the "Error handling" section (steps that do something). */
export function hasErrorHandling(type: { sideEffects?: boolean; category?: string } | undefined) {
  if (!type) return false
  return Boolean(type.sideEffects) || type.category === 'action' || type.category === 'integration'
}

export interface WorkflowReliabilityForm {
  retry: RetryForm
  errorWorkflowId: number | null
  notifyOwner: boolean
  concurrencyLimit: number | null
  concurrencyKey: string
}

export function workflowFormFrom(raw: unknown): WorkflowReliabilityForm {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, any>
  const concurrency =
    value.concurrency && typeof value.concurrency === 'object' ? value.concurrency : {}
  return {
    retry: retryFormFrom(value.retry),
    errorWorkflowId: num(value.errorWorkflowId),
    notifyOwner: value.notifyOwner !== false,
    concurrencyLimit: num(concurrency.limit),
    concurrencyKey: typeof concurrency.key === 'string' ? concurrency.key : '',
  }
}

/** The body of PUT /api/v1/workflows/:id/reliability. */
export function workflowPayloadFrom(form: WorkflowReliabilityForm) {
  const key = form.concurrencyKey.trim()
  return {
    retry: retryConfigFrom(form.retry) ?? null,
    errorWorkflowId: form.errorWorkflowId,
    notifyOwner: form.notifyOwner,
    concurrency:
      form.concurrencyLimit === null && !key
        ? null
        : { limit: form.concurrencyLimit, key: key || null },
  }
}
