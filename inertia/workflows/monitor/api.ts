/** Small JSON helpers for the monitor's API calls (session cookie + Shield's XSRF token). */

function xsrfToken(): string | null {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/)
  return match ? decodeURIComponent(match[1]) : null
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message)
  }
}

export async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers)
  headers.set('Accept', 'application/json')
  if (init.body !== undefined) headers.set('Content-Type', 'application/json')
  if (init.method && init.method !== 'GET') {
    const token = xsrfToken()
    if (token) headers.set('X-XSRF-TOKEN', token)
  }
  const response = await fetch(url, { credentials: 'same-origin', ...init, headers })
  const body = await response.json().catch(() => null)
  if (!response.ok) {
    const message = body?.errors?.[0]?.message ?? `Request failed (${response.status})`
    throw new ApiError(message, response.status)
  }
  return body as T
}

export function postJson<T>(url: string, data: unknown = {}): Promise<T> {
  return fetchJson<T>(url, { method: 'POST', body: JSON.stringify(data) })
}

/**
 * Runs `task` at most once per `ms`, and always once after the last call (live updates arrive in
 * bursts, one message per step; the final state must never be missed). A call made while the task
 * runs schedules another run.
 */
export function throttle(task: () => void | Promise<void>, ms: number) {
  let timer: ReturnType<typeof setTimeout> | null = null
  let last = 0
  return () => {
    if (timer) return
    timer = setTimeout(
      async () => {
        timer = null
        last = Date.now()
        await task()
      },
      Math.max(0, last + ms - Date.now())
    )
  }
}
