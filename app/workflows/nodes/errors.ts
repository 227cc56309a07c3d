/**
 * Maps errors thrown by services (entity operations, VineJS, Lucid) to categorised NodeErrors by
 * their well-known codes, without importing those libraries.
 */
import { NodeError, type ErrorCategory } from './types.js'

const BY_CODE: Record<string, ErrorCategory> = {
  'E_VALIDATION_ERROR': 'validation',
  'E_BUSINESS_RULE': 'business',
  'E_ROW_NOT_FOUND': 'not_found',
  'E_UNAUTHORIZED_ACCESS': 'auth',
  'E_AUTHORIZATION_FAILURE': 'auth',
  'E_TOO_MANY_REQUESTS': 'rate_limited',
  'ECONNREFUSED': 'transient',
  'ECONNRESET': 'transient',
  'ETIMEDOUT': 'timeout',
  '40001': 'transient', // serialization failure
  '40P01': 'transient', // deadlock
  '23505': 'business', // unique violation
  '23503': 'validation', // foreign key
  '23502': 'validation', // not null
  '22P02': 'validation', // invalid text representation
}

export function classifyError(error: unknown): NodeError {
  if (error instanceof NodeError) return error
  if (!(error instanceof Error)) return NodeError.from(error)
  const { code, status, messages } = error as Error & {
    code?: string
    status?: number
    messages?: unknown
  }
  if (error.name === 'UnknownEntityError') {
    return new NodeError('validation', error.message, { code: 'unknown_entity', cause: error })
  }
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return NodeError.from(error)
  let category: ErrorCategory | undefined = code ? BY_CODE[code] : undefined
  if (!category && typeof status === 'number') {
    if (status === 404) category = 'not_found'
    else if (status === 401 || status === 403) category = 'auth'
    else if (status === 429) category = 'rate_limited'
    else if (status === 422 || status === 400) category = 'validation'
    else if (status === 409) category = 'business'
    else if (status >= 500) category = 'transient'
  }
  const details: Record<string, unknown> = {}
  if (Array.isArray(messages)) details.errors = messages
  return new NodeError(category ?? 'internal', error.message, {
    code: code ?? undefined,
    ...(Object.keys(details).length ? { details } : {}),
    cause: error,
  })
}
