import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { expireQuotes } from '#crm/jobs/expire_quotes'
import { quoteService } from '#crm/services/quote_service'
import Quote from '#crm/models/quote'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import { clearEvents, eventTypes } from './helpers.js'

const line = [{ description: 'Service', quantity: 1, unitPrice: 10_000 }]

test.group('CRM | quote expiry scan', (group) => {
  group.each.setup(() => truncateAll())

  test('expires sent quotes past their validity date once, in the tenant time zone', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser('owner', {
      tenant: { timezone: 'Pacific/Auckland' },
    })
    const create = async (validUntil: string, send: boolean) => {
      const quote = await quoteService.create(tenant.id, {
        title: validUntil,
        validUntil,
        lines: line,
      })
      if (send) await quoteService.send(tenant.id, quote.id)
      return quote
    }
    const old = await create('2026-03-09', true)
    const lastDay = await create('2026-03-10', true)
    const draft = await create('2026-03-01', false)
    await clearEvents(tenant.id)

    // 2026-03-10 12:00 UTC is already 2026-03-11 in Auckland: both sent quotes are past.
    const now = DateTime.fromISO('2026-03-10T12:00:00Z')
    assert.deepEqual(await expireQuotes({ now, tenantId: tenant.id }), { expired: 2 })
    assert.deepEqual(await expireQuotes({ now, tenantId: tenant.id }), { expired: 0 })

    for (const quote of [old, lastDay]) {
      const fresh = await Quote.findOrFail(quote.id)
      assert.equal(fresh.status, 'expired')
    }
    const untouched = await Quote.findOrFail(draft.id)
    assert.equal(untouched.status, 'draft')
    assert.deepEqual(await eventTypes(tenant.id), ['quote.expired', 'quote.expired'])
  })
})
