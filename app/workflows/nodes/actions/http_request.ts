/**
 * HTTP request / outgoing webhook through the SSRF-safe client (`ctx.services.http`, see
 * nodes/http/safe_http.ts). Sends `Idempotency-Key: <step key>` so a re-run step is recognisable
 * by the receiver. HTTP failures map to error categories (401/403 auth, 404 not_found, 408/504
 * timeout, 429 rate_limited with Retry-After, 5xx transient, other 4xx validation).
 */
import { Type } from '@sinclair/typebox'
import { NodeError, type ErrorCategory, type NodeDefinition } from '../types.js'
import { ERROR, IN, OUT, field } from '../shared.js'

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const

export interface HttpAuth {
  type: 'none' | 'bearer' | 'basic' | 'api_key'
  token?: string
  username?: string
  password?: string
  headerName?: string
  apiKey?: string
}

export interface HttpRequestConfig {
  method: (typeof HTTP_METHODS)[number]
  url: string
  query?: Record<string, unknown>
  headers?: Record<string, unknown>
  bodyType: 'none' | 'json' | 'text' | 'form'
  body?: unknown
  auth: HttpAuth
  timeoutSeconds: number
  failOnErrorStatus: boolean
}

const authShown = (types: string[]) => ({ showIf: { field: 'auth.type', in: types } })

export const httpRequestNode: NodeDefinition<HttpRequestConfig> = {
  type: 'http_request',
  category: 'integration',
  group: 'Integrations',
  label: 'HTTP request',
  icon: 'pi pi-send',
  description: 'Call an external API or send a webhook (public addresses only).',
  ports: { inputs: [IN], outputs: [OUT, ERROR] },
  configSchema: Type.Object({
    method: Type.Union(
      HTTP_METHODS.map((m) => Type.Literal(m)),
      field('Method', 'enum')
    ),
    url: Type.String({
      minLength: 1,
      maxLength: 2000,
      ...field('URL', 'expression', {
        placeholder: 'https://api.example.com/orders/{{trigger.entityId}}',
      }),
    }),
    query: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), field('Query parameters', 'keyvalue'))
    ),
    headers: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), field('Headers', 'keyvalue'))
    ),
    bodyType: Type.Union(
      ['none', 'json', 'text', 'form'].map((t) => Type.Literal(t)),
      field('Body type', 'enum')
    ),
    body: Type.Optional(
      Type.Unknown(
        field('Body', 'json', { showIf: { field: 'bodyType', in: ['json', 'text', 'form'] } })
      )
    ),
    auth: Type.Object(
      {
        type: Type.Union(
          ['none', 'bearer', 'basic', 'api_key'].map((t) => Type.Literal(t)),
          field('Authentication', 'enum', {
            options: [
              { value: 'none', label: 'None' },
              { value: 'bearer', label: 'Bearer token' },
              { value: 'basic', label: 'Basic (user + password)' },
              { value: 'api_key', label: 'API key header' },
            ],
          })
        ),
        token: Type.Optional(Type.String(field('Token', 'secret', authShown(['bearer'])))),
        username: Type.Optional(Type.String(field('User', 'text', authShown(['basic'])))),
        password: Type.Optional(Type.String(field('Password', 'secret', authShown(['basic'])))),
        headerName: Type.Optional(
          Type.String(
            field('Header name', 'text', { placeholder: 'X-API-Key', ...authShown(['api_key']) })
          )
        ),
        apiKey: Type.Optional(Type.String(field('API key', 'secret', authShown(['api_key'])))),
      },
      { title: 'Authentication' }
    ),
    timeoutSeconds: Type.Integer({
      minimum: 1,
      maximum: 120,
      ...field('Timeout (seconds)', 'number'),
    }),
    failOnErrorStatus: Type.Boolean(field('Fail on 4xx/5xx', 'boolean')),
  }),
  defaults: {
    method: 'POST',
    url: '',
    query: {},
    headers: {},
    bodyType: 'json',
    body: {},
    auth: { type: 'none' },
    timeoutSeconds: 30,
    failOnErrorStatus: true,
  },
  sideEffects: true,
  timeoutMs: 125_000,
  summary: '{{method}} {{url}}',
  async execute(ctx) {
    const config = ctx.config
    const headers: Record<string, string> = {}
    for (const [key, value] of Object.entries(config.headers ?? {})) {
      if (key.trim() && value !== undefined && value !== null)
        headers[key.trim().toLowerCase()] = String(value)
    }
    applyAuth(headers, config.auth)
    headers['idempotency-key'] ??= ctx.idempotencyKey
    const query: Record<string, string> = {}
    for (const [key, value] of Object.entries(config.query ?? {})) {
      if (key.trim() && value !== undefined && value !== null) query[key] = String(value)
    }
    const body = encodeBody(config, headers)
    const response = await ctx.services.http.request({
      method: config.method,
      url: String(config.url ?? ''),
      headers,
      query,
      body,
      timeoutMs: (config.timeoutSeconds || 30) * 1000,
      signal: ctx.signal,
    })
    const parsed = parseBody(response.body, response.headers['content-type'])
    const output = {
      status: response.status,
      headers: response.headers,
      body: parsed,
      url: response.url,
    }
    if (response.status >= 400 && config.failOnErrorStatus !== false) {
      const retryAfter = Number(response.headers['retry-after'])
      throw new NodeError(
        statusCategory(response.status),
        `HTTP ${response.status} from ${new URL(response.url).host}`,
        {
          code: `http_${response.status}`,
          details: {
            status: response.status,
            body: typeof parsed === 'string' ? parsed.slice(0, 2000) : parsed,
          },
          ...(Number.isFinite(retryAfter) ? { retryAfterMs: retryAfter * 1000 } : {}),
        }
      )
    }
    return { output }
  },
}

function applyAuth(headers: Record<string, string>, auth: HttpAuth | undefined) {
  switch (auth?.type) {
    case 'bearer':
      if (!auth.token)
        throw new NodeError('validation', 'The bearer token is empty', { code: 'auth_config' })
      headers.authorization = `Bearer ${auth.token}`
      break
    case 'basic':
      if (!auth.username)
        throw new NodeError('validation', 'The user name is empty', { code: 'auth_config' })
      headers.authorization = `Basic ${btoa(`${auth.username}:${auth.password ?? ''}`)}`
      break
    case 'api_key':
      if (!auth.headerName || !auth.apiKey) {
        throw new NodeError('validation', 'The API key header name and value are required', {
          code: 'auth_config',
        })
      }
      headers[auth.headerName.toLowerCase()] = auth.apiKey
      break
  }
}

function encodeBody(config: HttpRequestConfig, headers: Record<string, string>): string | null {
  if (config.method === 'GET' || config.method === 'HEAD' || config.bodyType === 'none') return null
  const body = config.body
  if (body === undefined || body === null || body === '') return null
  if (config.bodyType === 'json') {
    headers['content-type'] ??= 'application/json'
    if (typeof body === 'string') {
      try {
        JSON.parse(body)
        return body
      } catch {
        return JSON.stringify(body)
      }
    }
    return JSON.stringify(body)
  }
  if (config.bodyType === 'form') {
    headers['content-type'] ??= 'application/x-www-form-urlencoded'
    if (typeof body === 'string') return body
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(body as Record<string, unknown>))
      params.append(key, String(value ?? ''))
    return params.toString()
  }
  headers['content-type'] ??= 'text/plain; charset=utf-8'
  return typeof body === 'string' ? body : JSON.stringify(body)
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (contentType?.includes('json') && text) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}

export function statusCategory(status: number): ErrorCategory {
  if (status === 401 || status === 403) return 'auth'
  if (status === 404 || status === 410) return 'not_found'
  if (status === 408 || status === 504) return 'timeout'
  if (status === 429) return 'rate_limited'
  if (status >= 500) return 'transient'
  if (status === 409) return 'business'
  return 'validation'
}
