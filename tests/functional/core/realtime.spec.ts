import { test } from '@japa/runner'
import transmit from '@adonisjs/transmit/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import type User from '#core/models/user'
import { broadcast } from '#core/realtime/broadcast'
import { createTenantWithUser, addMember, TEST_PASSWORD } from '#tests/helpers/tenancy'
import { truncateAll } from '#tests/helpers/db'

/** The channel rules of start/transmit.ts, asked the way Transmit asks them on subscribe. */
function canSubscribe(user: User | undefined, channel: string) {
  const context = { auth: { user } } as unknown as HttpContext
  return transmit.getManager().verifyAccess(channel, context)
}

test.group('Realtime: channel authorization', (group) => {
  group.each.setup(() => truncateAll())

  test('members may subscribe to their tenant channels, others may not', async ({ assert }) => {
    const a = await createTenantWithUser('viewer')
    const b = await createTenantWithUser('owner')
    assert.isTrue(await canSubscribe(a.user, `tenants/${a.tenant.id}/executions`))
    assert.isTrue(await canSubscribe(a.user, `tenants/${a.tenant.id}/workflows/42`))
    assert.isFalse(await canSubscribe(a.user, `tenants/${b.tenant.id}/executions`))
    assert.isFalse(await canSubscribe(undefined, `tenants/${a.tenant.id}/executions`))
    assert.isFalse(await canSubscribe(a.user, 'tenants/not-a-number/executions'))
  })

  test('the approvals channel needs the approver role', async ({ assert }) => {
    const { tenant, user: viewer } = await createTenantWithUser('viewer')
    const approver = await addMember(tenant, 'approver')
    assert.isFalse(await canSubscribe(viewer, `tenants/${tenant.id}/approvals`))
    assert.isTrue(await canSubscribe(approver, `tenants/${tenant.id}/approvals`))
  })

  test("a user's personal channel is theirs alone", async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const colleague = await addMember(tenant, 'owner')
    const channel = `tenants/${tenant.id}/users/${user.id}/notifications`
    assert.isTrue(await canSubscribe(user, channel))
    assert.isFalse(await canSubscribe(colleague, channel))
    const other = await createTenantWithUser('owner')
    assert.isFalse(
      await canSubscribe(user, `tenants/${other.tenant.id}/users/${user.id}/notifications`)
    )
  })

  test('channels matching no rule are refused', async ({ assert }) => {
    const { user } = await createTenantWithUser('owner')
    assert.isFalse(await canSubscribe(user, 'anything'))
    assert.isFalse(await canSubscribe(user, 'admin/secrets/1'))
  })

  test('execution channels follow the execution tenant', async ({ assert }) => {
    const { user } = await createTenantWithUser('owner')
    // A missing execution (or a missing table) is simply not watchable.
    assert.isFalse(await canSubscribe(user, 'workflows/executions/999999'))
    assert.isFalse(await canSubscribe(user, 'workflows/executions/../../x'))
  })
})

/** A cookie jar + CSRF header over fetch, enough to act as a signed-in browser tab. */
class BrowserLikeClient {
  cookies = new Map<string, string>()
  constructor(private baseUrl: string) {}

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const index = pair.indexOf('=')
      this.cookies.set(pair.slice(0, index), pair.slice(index + 1))
    }
  }

  private headers(extra: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([key, value]) => `${key}=${value}`).join('; ')
    const xsrf = this.cookies.get('XSRF-TOKEN')
    return {
      cookie,
      ...(xsrf ? { 'x-xsrf-token': decodeURIComponent(xsrf) } : {}),
      ...extra,
    }
  }

  async request(path: string, init: RequestInit & { json?: unknown } = {}) {
    const { json, ...rest } = init
    const response = await fetch(`${this.baseUrl}${path}`, {
      redirect: 'manual',
      ...rest,
      headers: this.headers(json ? { 'content-type': 'application/json' } : {}),
      body: json ? JSON.stringify(json) : rest.body,
    })
    this.remember(response)
    return response
  }
}

test.group('Realtime: end to end', (group) => {
  group.each.setup(() => truncateAll())

  test('a signed-in tab receives what the server broadcasts on its tenant channel', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const tab = new BrowserLikeClient(`http://${process.env.HOST}:${process.env.PORT}`)
    await tab.request('/login')
    const login = await tab.request('/login', {
      method: 'POST',
      json: { email: user.email, password: TEST_PASSWORD },
    })
    assert.equal(login.status, 302)

    const uid = crypto.randomUUID()
    const controller = new AbortController()
    const stream = await tab.request(`/__transmit/events?uid=${uid}`, {
      signal: controller.signal,
    })
    assert.equal(stream.status, 200)
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader()

    const channel = `tenants/${tenant.id}/executions`
    const subscribe = await tab.request('/__transmit/subscribe', {
      method: 'POST',
      json: { uid, channel },
    })
    assert.equal(subscribe.status, 204)

    const denied = await tab.request('/__transmit/subscribe', {
      method: 'POST',
      json: { uid, channel: `tenants/${tenant.id + 1}/executions` },
    })
    assert.equal(denied.status, 400)

    broadcast(channel, { executionId: 7, status: 'running' })

    // Read events until ours arrives (each read returns when the server writes something).
    let received = ''
    for (let reads = 0; reads < 20 && !received.includes('"executionId":7'); reads++) {
      const { value, done } = await reader.read()
      if (done) break
      received += value
    }
    controller.abort()
    assert.include(received, channel)
    assert.include(received, '"status":"running"')
  })
})
