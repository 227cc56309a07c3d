/**
 * Tiny JSON client for the workflow API (/api/v1). Sends the session cookie and Shield's XSRF
 * token (the `XSRF-TOKEN` cookie echoed as a header, like axios does), and turns error bodies
 * into an `ApiError` whose message is fit to show to a person.
 */
export const API_BASE = '/api/v1'

/** A published version as listed in the builder (page props and GET …/versions). */
export type VersionSummary = {
  id: number
  number: number
  note: string | null
  createdAt: string
}

export interface ApiIssue {
  message: string
  field?: string
  path?: string
  nodeId?: string
  code?: string
  rule?: string
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
    readonly issues: ApiIssue[] = []
  ) {
    super(message)
  }
}

function xsrfToken(): string | null {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/)
  return match ? decodeURIComponent(match[1]) : null
}

function issuesOf(body: any): ApiIssue[] {
  if (!body || typeof body !== 'object') return []
  const list = body.errors ?? body.issues ?? body.error?.issues ?? body.error?.errors
  return Array.isArray(list) ? list.filter((i) => i && typeof i.message === 'string') : []
}

function messageOf(body: any, status: number): string {
  const issues = issuesOf(body)
  if (issues.length) return issues.map((i) => i.message).join('; ')
  if (typeof body?.message === 'string') return body.message
  if (typeof body?.error === 'string') return body.error
  if (typeof body?.error?.message === 'string') return body.error.message
  return `Request failed (${status})`
}

export async function api<T = unknown>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const token = xsrfToken()
  if (token) headers['X-XSRF-TOKEN'] = token
  const response = await fetch(url.startsWith('/api/') ? url : `${API_BASE}${url}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  let parsed: unknown = null
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    parsed = text
  }
  if (!response.ok) {
    throw new ApiError(
      messageOf(parsed, response.status),
      response.status,
      parsed,
      issuesOf(parsed)
    )
  }
  return parsed as T
}

/** Unwraps `{ data: … }` envelopes so callers work with either response style. */
export function unwrap<T>(body: any): T {
  return body && typeof body === 'object' && 'data' in body ? body.data : body
}
