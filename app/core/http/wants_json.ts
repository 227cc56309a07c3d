import type { HttpContext } from '@adonisjs/core/http'

/**
 * True when the client expects JSON rather than a page: anything under /api/, or a request that
 * prefers JSON over HTML and is not an Inertia visit (Inertia sends `Accept: text/html, application/xhtml+xml`
 * plus `X-Inertia`, and must get pages/redirects).
 */
export function wantsJson(ctx: HttpContext): boolean {
  const url = ctx.request.url()
  if (url === '/api' || url.startsWith('/api/')) return true
  if (ctx.request.header('x-inertia')) return false
  return ctx.request.accepts(['html', 'json']) === 'json'
}
