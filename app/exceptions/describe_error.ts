/**
 * Turns any thrown value into a status and a client-facing error list. Messages of 5xx errors are
 * never shown to clients (they may contain internals).
 */
export interface HttpErrorLike {
  status?: number
  code?: string
  message?: string
  name?: string
  messages?: Array<{ field: string; message: string; rule?: string; meta?: unknown }>
  responseText?: string
}

export interface ClientError {
  code: string
  message: string
  field?: string
  rule?: string
}

export interface DescribedError {
  status: number
  code: string
  message: string
  errors: ClientError[]
}

const KNOWN: Record<string, { status?: number; message: string }> = {
  E_BAD_CSRF_TOKEN: {
    status: 403,
    message: 'Missing or invalid CSRF token. Reload the page and try again.',
  },
  E_ROUTE_NOT_FOUND: { status: 404, message: 'No such page or endpoint.' },
  E_ROW_NOT_FOUND: { status: 404, message: 'The record does not exist.' },
  E_REQUEST_ENTITY_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  E_MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  E_REQUEST_ABORTED: { status: 400, message: 'The request was cancelled before its body arrived.' },
  E_AUTHORIZATION_FAILURE: { status: 403, message: 'Your role does not allow this action.' },
  E_UNAUTHORIZED_ACCESS: { status: 401, message: 'Sign in to continue.' },
  E_INVALID_CREDENTIALS: { status: 400, message: 'Invalid email or password.' },
  E_TOO_MANY_REQUESTS: { status: 429, message: 'Too many attempts. Wait a moment and try again.' },
}

function codeOf(error: HttpErrorLike): string | undefined {
  if (error.code) return error.code
  // The JSON body parser throws a bare SyntaxError (status 400) or, for a JSON scalar, a 422.
  if (error.name === 'SyntaxError' && error.status === 400) return 'E_MALFORMED_JSON'
  if (error.message?.startsWith('Invalid JSON, only supports')) return 'E_MALFORMED_JSON'
  return undefined
}

export function describeError(error: HttpErrorLike): DescribedError {
  const code = codeOf(error) ?? 'E_INTERNAL'
  const known = KNOWN[code]
  const status = known?.status ?? (error.status && error.status >= 400 ? error.status : 500)

  if (code === 'E_VALIDATION_ERROR' && Array.isArray(error.messages)) {
    const errors = error.messages.map((item) => ({
      code,
      message: item.message,
      field: item.field,
      rule: item.rule,
    }))
    return { status: 422, code, message: errors[0]?.message ?? 'Invalid input.', errors }
  }

  const message =
    status >= 500
      ? 'Something went wrong on our side. The error was logged.'
      : code === 'E_TOO_MANY_REQUESTS' || !known
        ? error.message || known?.message || 'Request failed.'
        : known.message
  return { status, code, message, errors: [{ code, message }] }
}
