/**
 * SSRF-safe outbound HTTP for workflow steps (server only).
 *
 * - Every address a host name resolves to must be public unicast (ipaddr.js `range() ===
 *   'unicast'`): loopback, private, link-local (cloud metadata 169.254.169.254), CGNAT,
 *   multicast, unique-local, reserved… are refused. The check runs inside the socket's DNS lookup
 *   (undici Agent `connect.lookup`), so the address connected to is the address checked (no
 *   DNS-rebinding gap). IP literals never reach `lookup` and are checked up front.
 * - Redirects are followed by hand (max 5) and every hop is checked again.
 * - Timeout via AbortSignal (the step's signal + our own), capped response size.
 * - Allow-lists (comma separated host names or IP literals, matched against the URL host):
 *   WORKFLOW_HTTP_PRIVATE_HOSTS, the operator's list of internal services workflows may call
 *   (on-premises integrations; tenants cannot change it), honoured everywhere; and
 *   WORKFLOW_HTTP_ALLOW_HOSTS, honoured only when NODE_ENV=test.
 */
import dns from 'node:dns'
import type { LookupAddress, LookupOptions } from 'node:dns'
import ipaddr from 'ipaddr.js'
import { Agent, request } from 'undici'
import {
  NodeError,
  type HttpRequestSpec,
  type HttpResponseData,
  type HttpService,
} from '../types.js'

export class SsrfError extends NodeError {
  constructor(message: string) {
    super('validation', message, { code: 'ssrf_blocked' })
  }
}

export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false
  return ipaddr.process(address).range() === 'unicast'
}

const hostList = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean)

function allowListFromEnv(): Set<string> {
  const operator = hostList(process.env.WORKFLOW_HTTP_PRIVATE_HOSTS)
  if (process.env.NODE_ENV !== 'test') return new Set(operator)
  return new Set([...operator, ...hostList(process.env.WORKFLOW_HTTP_ALLOW_HOSTS)])
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number
) => void

function hostOf(url: URL) {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

export interface SafeHttpOptions {
  /** Extra allowed hosts (tests); merged with the env allow-list under NODE_ENV=test only. */
  allowHosts?: string[]
  maxResponseBytes?: number
}

export function createSafeHttpClient(
  options: SafeHttpOptions = {}
): HttpService & { close(): Promise<void> } {
  const allowed = allowListFromEnv()
  if (process.env.NODE_ENV === 'test') {
    for (const host of options.allowHosts ?? []) allowed.add(host.toLowerCase())
  }

  const lookup = (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, [])
      const list = addresses as LookupAddress[]
      const open = allowed.has(hostname.toLowerCase())
        ? list
        : list.filter((a) => isPublicAddress(a.address))
      if (open.length === 0 || open.length !== list.length) {
        const refused = list.find((a) => !isPublicAddress(a.address))?.address ?? hostname
        return callback(
          new SsrfError(`Refused: ${hostname} resolves to a non-public address (${refused})`),
          []
        )
      }
      if (lookupOptions.all) return callback(null, open)
      callback(null, open[0].address, open[0].family)
    })
  }

  const agent = new Agent({
    connect: { lookup: lookup as never },
    keepAliveTimeout: 10_000,
    connections: 64,
  })

  function check(url: URL) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new NodeError(
        'validation',
        `Only http and https URLs are allowed (got ${url.protocol})`,
        { code: 'bad_url' }
      )
    }
    if (url.username || url.password) {
      throw new NodeError(
        'validation',
        'Credentials in the URL are not allowed; use the auth settings',
        { code: 'bad_url' }
      )
    }
    const host = hostOf(url)
    if (allowed.has(host)) return
    if (ipaddr.isValid(host) && !isPublicAddress(host)) {
      throw new SsrfError(`Refused: ${host} is not a public address`)
    }
  }

  async function readBody(body: AsyncIterable<Buffer>, limit: number): Promise<string> {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of body) {
      size += chunk.length
      if (size > limit) {
        throw new NodeError(
          'business',
          `The response is larger than ${Math.round(limit / 1024)} KB`,
          { code: 'response_too_large' }
        )
      }
      chunks.push(chunk)
    }
    return Buffer.concat(chunks).toString('utf8')
  }

  return {
    async request(spec: HttpRequestSpec): Promise<HttpResponseData> {
      let url: URL
      try {
        url = new URL(spec.url)
      } catch {
        throw new NodeError('validation', `"${spec.url}" is not a valid URL`, { code: 'bad_url' })
      }
      for (const [key, value] of Object.entries(spec.query ?? {}))
        url.searchParams.append(key, value)
      const signals = [AbortSignal.timeout(spec.timeoutMs)]
      if (spec.signal) signals.push(spec.signal)
      const signal = AbortSignal.any(signals)
      const limit = spec.maxResponseBytes ?? options.maxResponseBytes ?? 5 * 1024 * 1024
      let method = spec.method.toUpperCase()
      let body = spec.body ?? null
      let headers = { ...spec.headers }
      for (let hop = 0; ; hop++) {
        check(url)
        let response
        try {
          response = await request(url, {
            method: method as never,
            headers,
            body: method === 'GET' || method === 'HEAD' ? null : body,
            signal,
            dispatcher: agent,
          })
        } catch (error) {
          throw requestError(error, signal, spec.timeoutMs)
        }
        const location = response.headers.location
        if (REDIRECTS.has(response.statusCode) && location) {
          await response.body.dump()
          if (hop >= (spec.maxRedirects ?? 5)) {
            throw new NodeError('business', 'Too many redirects', { code: 'too_many_redirects' })
          }
          const nextUrl = new URL(Array.isArray(location) ? location[0] : location, url)
          if (
            response.statusCode === 303 ||
            ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')
          ) {
            method = 'GET'
            body = null
          }
          if (nextUrl.origin !== url.origin) {
            headers = Object.fromEntries(
              Object.entries(headers).filter(
                ([key]) => !/^(authorization|cookie|x-api-key)$/i.test(key)
              )
            )
          }
          url = nextUrl
          continue
        }
        let text: string
        try {
          text = await readBody(response.body, limit)
        } catch (error) {
          if (error instanceof NodeError) throw error
          throw requestError(error, signal, spec.timeoutMs)
        }
        const flat: Record<string, string> = {}
        for (const [key, value] of Object.entries(response.headers)) {
          if (value !== undefined) flat[key] = Array.isArray(value) ? value.join(', ') : value
        }
        return { status: response.statusCode, headers: flat, body: text, url: url.toString() }
      }
    },
    close: () => agent.close(),
  }
}

function requestError(error: unknown, signal: AbortSignal, timeoutMs: number): NodeError {
  if (error instanceof NodeError) return error
  const cause = (error as { cause?: unknown })?.cause
  if (cause instanceof NodeError) return cause
  if (signal.aborted) {
    return new NodeError('timeout', `The request did not complete within ${timeoutMs} ms`, {
      code: 'http_timeout',
      cause: error,
    })
  }
  const code = (error as { code?: string })?.code ?? ''
  const message = (error as Error)?.message ?? String(error)
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new NodeError(
      code === 'EAI_AGAIN' ? 'transient' : 'not_found',
      `Host not found: ${message}`,
      { code, cause: error }
    )
  }
  if (/TIMEOUT/i.test(code)) return new NodeError('timeout', message, { code, cause: error })
  return new NodeError('transient', message, { code: code || 'http_error', cause: error })
}
