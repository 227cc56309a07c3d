import { test } from '@japa/runner'
import redis from '@adonisjs/redis/services/main'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import { waitForDispatches } from '#core/events/outbox'
import { invoiceService } from '#invoicing/services/invoice_service'
import { HOST_SCANS, runHostScan } from '#core/jobs/host_scans'
import { createAccount, twoLines } from '../invoicing/fixtures.js'

test.group('Host scans | scheduler', (group) => {
  group.each.setup(async () => {
    await truncateAll()
    const keys = await redis.keys('host-scans:*')
    if (keys.length > 0) await redis.del(...keys)
  })
  group.each.teardown(() => waitForDispatches())

  test('each planned tick of a scan runs once, whichever scheduler gets there first', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)
    const invoice = await invoiceService.create(tenant.id, {
      accountId,
      issueDate: '2020-01-01',
      dueDate: '2020-01-31',
      lines: twoLines,
    })
    await invoiceService.send(tenant.id, invoice.id)

    const overdueScan = HOST_SCANS.find((scan) => scan.name === 'invoicing:mark-overdue')!
    const tick = new Date('2026-11-29T10:07:00Z')
    // Two schedulers racing for the same tick: exactly one runs it.
    const ran = await Promise.all([runHostScan(overdueScan, tick), runHostScan(overdueScan, tick)])
    assert.sameMembers(ran, [true, false])

    await invoice.refresh()
    assert.equal(invoice.status, 'overdue')
    // The next tick is a new claim.
    assert.isTrue(await runHostScan(overdueScan, new Date('2026-11-29T11:07:00Z')))
  })

  test('every host module scan is scheduled and runs without error on an empty database', async ({
    assert,
  }) => {
    assert.sameMembers(
      HOST_SCANS.map((scan) => scan.name),
      ['invoicing:mark-overdue', 'documents:scan-expiring', 'crm:expire-quotes']
    )
    for (const scan of HOST_SCANS) await scan.run()
  })
})
