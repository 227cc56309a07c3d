import { test } from '@japa/runner'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createSafeHttpClient, isPublicAddress } from '#workflows/nodes/http/safe_http'
import { failed, ok, runType } from './node_context.js'

interface Seen {
  method?: string
  url?: string
  headers: http.IncomingHttpHeaders
  body: string
}

/** A local API: echoes requests, answers chosen statuses, redirects, or never answers. */
async function startServer() {
  const seen: Seen[] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body })
      const url = new URL(req.url!, 'http://x')
      if (url.pathname === '/status') {
        const code = Number(url.searchParams.get('code'))
        res.writeHead(
          code,
          code === 429
            ? { 'retry-after': '7', 'content-type': 'application/json' }
            : { 'content-type': 'application/json' }
        )
        return res.end(JSON.stringify({ code }))
      }
      if (url.pathname === '/redirect') {
        res.writeHead(302, { location: url.searchParams.get('to')! })
        return res.end()
      }
      if (url.pathname === '/hang') return
      if (url.pathname === '/big') {
        res.writeHead(200, { 'content-type': 'text/plain' })
        return res.end('x'.repeat(2048))
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          ok: true,
          method: req.method,
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
        })
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { seen, base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

const request = (url: string, extra: Record<string, unknown> = {}) => ({
  method: 'GET',
  url,
  bodyType: 'none',
  auth: { type: 'none' },
  timeoutSeconds: 5,
  failOnErrorStatus: true,
  ...extra,
})

test.group('HTTP request node (local server on the test allow-list)', (group) => {
  let server: Awaited<ReturnType<typeof startServer>>
  let http$: ReturnType<typeof createSafeHttpClient>
  group.setup(async () => {
    server = await startServer()
    http$ = createSafeHttpClient({ allowHosts: ['127.0.0.1'] })
    return async () => {
      await http$.close()
      await server.close()
    }
  })
  group.each.setup(() => {
    server.seen.length = 0
  })

  test('POST json with query, headers, bearer auth and the step idempotency key', async ({
    assert,
  }) => {
    const run = ok(
      await runType(
        'http_request',
        request(`${server.base}/orders`, {
          method: 'POST',
          query: { source: '{{vars.source}}' },
          headers: { 'X-Trace': 'abc' },
          bodyType: 'json',
          body: { number: '{{invoice.number}}', total: '{{invoice.total}}' },
          auth: { type: 'bearer', token: 't0k' },
        }),
        {
          expression: { vars: { source: 'wf' }, invoice: { number: 'INV-1', total: 99 } },
          services: { http: http$ },
        }
      )
    )
    assert.equal(run.result.output.status, 200)
    assert.deepEqual(run.result.output.body, {
      ok: true,
      method: 'POST',
      path: '/orders',
      query: { source: 'wf' },
    })
    const [seen] = server.seen
    assert.deepEqual(JSON.parse(seen.body), { number: 'INV-1', total: 99 })
    assert.equal(seen.headers['content-type'], 'application/json')
    assert.equal(seen.headers.authorization, 'Bearer t0k')
    assert.equal(seen.headers['x-trace'], 'abc')
    assert.equal(seen.headers['idempotency-key'], 'exec-1:node_1:')
  })

  test('basic and api-key auth presets, form bodies', async ({ assert }) => {
    ok(
      await runType(
        'http_request',
        request(`${server.base}/a`, { auth: { type: 'basic', username: 'ada', password: 'pw' } }),
        { services: { http: http$ } }
      )
    )
    ok(
      await runType(
        'http_request',
        request(`${server.base}/b`, {
          method: 'PUT',
          bodyType: 'form',
          body: { a: 1, b: 'x y' },
          auth: { type: 'api_key', headerName: 'X-Api-Key', apiKey: 'k1' },
        }),
        { services: { http: http$ } }
      )
    )
    assert.equal(
      server.seen[0].headers.authorization,
      `Basic ${Buffer.from('ada:pw').toString('base64')}`
    )
    assert.equal(server.seen[1].headers['x-api-key'], 'k1')
    assert.equal(server.seen[1].body, 'a=1&b=x+y')
  })

  test('error statuses map to categories', async ({ assert }) => {
    const category = async (code: number) =>
      failed(
        await runType('http_request', request(`${server.base}/status?code=${code}`), {
          services: { http: http$ },
        })
      )
    const expected: Array<[number, string]> = [
      [401, 'auth'],
      [404, 'not_found'],
      [422, 'validation'],
      [503, 'transient'],
    ]
    for (const [code, name] of expected) {
      const error = await category(code)
      assert.equal(error.category, name, String(code))
    }
    const limited = await category(429)
    assert.equal(limited.category, 'rate_limited')
    assert.equal(limited.retryAfterMs, 7000)
    const tolerated = ok(
      await runType(
        'http_request',
        request(`${server.base}/status?code=404`, { failOnErrorStatus: false }),
        { services: { http: http$ } }
      )
    )
    assert.equal(tolerated.result.output.status, 404)
  })

  test('timeout aborts the request with category timeout', async ({ assert }) => {
    const error = failed(
      await runType('http_request', request(`${server.base}/hang`, { timeoutSeconds: 1 }), {
        services: { http: http$ },
      })
    )
    assert.equal(error.category, 'timeout')
  })

  test('redirects are followed and each hop is checked again', async ({ assert }) => {
    const followed = ok(
      await runType('http_request', request(`${server.base}/redirect?to=/final`), {
        services: { http: http$ },
      })
    )
    assert.equal(followed.result.output.body.path, '/final')
    const sneaky = failed(
      await runType(
        'http_request',
        request(
          `${server.base}/redirect?to=${encodeURIComponent('http://169.254.169.254/latest/meta-data')}`
        ),
        { services: { http: http$ } }
      )
    )
    assert.equal(sneaky.code, 'ssrf_blocked')
  })

  test('response size is capped', async ({ assert }) => {
    const small = createSafeHttpClient({ allowHosts: ['127.0.0.1'], maxResponseBytes: 1024 })
    const error = failed(
      await runType('http_request', request(`${server.base}/big`), { services: { http: small } })
    )
    await small.close()
    assert.equal(error.code, 'response_too_large')
  })
})

test.group('HTTP request node: SSRF protection', () => {
  test('refuses private, link-local and loopback targets, literal or resolved', async ({
    assert,
  }) => {
    const client = createSafeHttpClient({ allowHosts: ['127.0.0.1'] })
    try {
      for (const url of [
        'http://10.0.0.1/x',
        'http://169.254.169.254/latest/meta-data',
        'http://192.168.1.10/',
        'http://[::1]:80/',
        'http://[fd00::1]/',
        'http://0.0.0.0/',
        'http://167772161/',
        'http://0xa.1/',
        'http://[::ffff:127.0.0.1]/',
        'http://[::ffff:a9fe:a9fe]/',
      ]) {
        const error = failed(
          await runType('http_request', request(url), { services: { http: client } })
        )
        assert.equal(error.code, 'ssrf_blocked', url)
        assert.equal(error.category, 'validation')
      }
      // 127.0.0.1 is allow-listed as a literal host, but the name "localhost" is not: DNS check
      const named = failed(
        await runType('http_request', request('http://localhost:9/'), {
          services: { http: client },
        })
      )
      assert.equal(named.code, 'ssrf_blocked')
      assert.match(named.message, /localhost resolves to a non-public address/)
      const other = failed(
        await runType('http_request', request('ftp://example.com/'), { services: { http: client } })
      )
      assert.equal(other.code, 'bad_url')
    } finally {
      await client.close()
    }
  })

  test('without an allow-list, localhost is refused after DNS resolution', async ({ assert }) => {
    const client = createSafeHttpClient()
    try {
      const error = failed(
        await runType('http_request', request('http://localhost:9/'), {
          services: { http: client },
        })
      )
      assert.equal(error.code, 'ssrf_blocked')
      assert.match(error.message, /non-public address/)
    } finally {
      await client.close()
    }
  })

  test('the allow-list is ignored outside NODE_ENV=test', async ({ assert }) => {
    const previous = { env: process.env.NODE_ENV, hosts: process.env.WORKFLOW_HTTP_ALLOW_HOSTS }
    process.env.NODE_ENV = 'production'
    process.env.WORKFLOW_HTTP_ALLOW_HOSTS = '127.0.0.1'
    const client = createSafeHttpClient({ allowHosts: ['127.0.0.1'] })
    process.env.NODE_ENV = previous.env
    if (previous.hosts === undefined) delete process.env.WORKFLOW_HTTP_ALLOW_HOSTS
    else process.env.WORKFLOW_HTTP_ALLOW_HOSTS = previous.hosts
    try {
      const error = failed(
        await runType('http_request', request('http://127.0.0.1:9/'), {
          services: { http: client },
        })
      )
      assert.equal(error.code, 'ssrf_blocked')
    } finally {
      await client.close()
    }
  })

  test("the operator's private hosts are callable in production too", async ({ assert }) => {
    const receiver = http.createServer((_, response) => response.end('{"ok":true}'))
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const { port } = receiver.address() as AddressInfo
    const previous = { env: process.env.NODE_ENV, hosts: process.env.WORKFLOW_HTTP_PRIVATE_HOSTS }
    process.env.NODE_ENV = 'production'
    process.env.WORKFLOW_HTTP_PRIVATE_HOSTS = 'intranet.example, 127.0.0.1'
    const client = createSafeHttpClient()
    process.env.NODE_ENV = previous.env
    if (previous.hosts === undefined) delete process.env.WORKFLOW_HTTP_PRIVATE_HOSTS
    else process.env.WORKFLOW_HTTP_PRIVATE_HOSTS = previous.hosts
    try {
      const result = await runType('http_request', request(`http://127.0.0.1:${port}/`), {
        services: { http: client },
      })
      ok(result)
      const blocked = failed(
        await runType('http_request', request('http://10.1.2.3/'), { services: { http: client } })
      )
      assert.equal(blocked.code, 'ssrf_blocked')
    } finally {
      await client.close()
      await new Promise((resolve) => receiver.close(resolve))
    }
  })

  test('address classification', ({ assert }) => {
    assert.isTrue(isPublicAddress('93.184.216.34'))
    assert.isTrue(isPublicAddress('2606:4700::1111'))
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '::1',
      'fe80::1',
      'fc00::1',
      '::ffff:10.0.0.1',
      '224.0.0.1',
      'nonsense',
    ]) {
      assert.isFalse(isPublicAddress(address), address)
    }
  })
})
