import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import { waitForDispatches } from '#core/events/outbox'
import { documentService } from '#documents/services/document_service'
import { contractService } from '#documents/services/contract_service'
import { scanExpiring } from '#documents/jobs/scan_expiring'
import DocumentsScanExpiring from '#commands/documents_scan_expiring'
import { countRows, createAccount, eventsOf, runAce } from '../invoicing/fixtures.js'

test.group('Documents | uploads', (group) => {
  group.each.setup(() => truncateAll())
  group.each.teardown(async () => {
    await waitForDispatches()
    await drive.use().deleteAll('tenants')
  })

  test('upload stores the file on the Drive disk and emits document.uploaded', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()

    const document = await documentService.upload(
      tenant.id,
      {
        contents: 'insurance policy text',
        originalName: 'Policy 2026.pdf',
        mimeType: 'application/pdf',
      },
      { type: 'policy', ownerType: 'account', ownerId: 7, expiresOn: '2026-12-31' },
      { actorId: user.id }
    )

    assert.equal(document.name, 'Policy 2026.pdf')
    assert.equal(document.size, 21)
    assert.match(document.fileKey, new RegExp(`^tenants/${tenant.id}/.+/policy-2026\\.pdf$`))
    assert.equal(await drive.use().get(document.fileKey), 'insurance policy text')

    const [event] = await eventsOf(tenant.id, 'document.uploaded')
    assert.equal(event.payload.entity.type, 'policy')
    assert.equal(event.payload.entity.ownerType, 'account')
    assert.equal(event.payload.entity.ownerId, '7')
    assert.equal(event.payload.entity.expiresOn, '2026-12-31')
    assert.notProperty(event.payload.entity, 'fileKey')
    assert.equal(event.actorId, user.id)

    await documentService.remove(tenant.id, document.id)
    assert.isFalse(await drive.use().exists(document.fileKey))
    assert.equal(await countRows('documents'), 0)
  })
})

test.group('Documents | expiry scan', (group) => {
  group.each.setup(() => truncateAll())
  group.each.teardown(async () => {
    await waitForDispatches()
    await drive.use().deleteAll('tenants')
  })

  test('announces contracts and documents expiring within N days, once per date', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)
    const contract = (endDate: string) =>
      contractService.create(tenant.id, {
        accountId,
        title: `Support until ${endDate}`,
        startDate: '2025-01-01',
        endDate,
        value: 1_200_000,
      })
    const soon = await contract('2026-03-10')
    await contract('2026-05-01') // outside the window
    await contract('2026-02-28') // already ended
    const expiringDoc = await documentService.upload(
      tenant.id,
      { contents: 'x', originalName: 'iso.pdf' },
      { type: 'certificate', expiresOn: '2026-03-01' }
    )

    const now = DateTime.fromISO('2026-03-01T08:00:00Z')
    assert.deepEqual(await scanExpiring({ days: 14, now }), { contracts: 1, documents: 1 })
    assert.deepEqual(await scanExpiring({ days: 14, now }), { contracts: 0, documents: 0 })

    const [contractEvent] = await eventsOf(tenant.id, 'contract.expiring')
    assert.equal(contractEvent.aggregateId, String(soon.id))
    assert.equal(contractEvent.payload.daysUntilExpiry, 9)
    assert.equal(contractEvent.payload.entity.endDate, '2026-03-10')
    const [documentEvent] = await eventsOf(tenant.id, 'document.expiring')
    assert.equal(documentEvent.aggregateId, String(expiringDoc.id))
    assert.equal(documentEvent.payload.daysUntilExpiry, 0)

    // Moving the end date re-arms the announcement for the new date.
    await contractService.update(tenant.id, soon.id, { endDate: '2026-03-12' })
    assert.deepEqual(await scanExpiring({ days: 14, now }), { contracts: 1, documents: 0 })
    const events = await eventsOf(tenant.id, 'contract.expiring')
    assert.equal(events[1].payload.daysUntilExpiry, 11)
  })

  test('the ace command runs the scan with --days', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)
    const today = DateTime.utc()
    await contractService.create(tenant.id, {
      accountId,
      title: 'Hosting',
      startDate: today.minus({ years: 1 }).toISODate()!,
      endDate: today.plus({ days: 5 }).toISODate()!,
    })

    const narrow = await runAce(DocumentsScanExpiring, ['--days=3'])
    narrow.assertSucceeded()
    narrow.assertLog('[ green(success) ] 0 contract(s) and 0 document(s) expiring within 3 day(s)')
    const wide = await runAce(DocumentsScanExpiring, ['--days=7'])
    wide.assertLog('[ green(success) ] 1 contract(s) and 0 document(s) expiring within 7 day(s)')
    assert.lengthOf(await eventsOf(tenant.id, 'contract.expiring'), 1)
  })

  test('contracts refuse an end before the start and a foreign account', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const other = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)
    const foreign = await createAccount(other.tenant.id)
    await assert.rejects(
      () =>
        contractService.create(tenant.id, {
          accountId,
          title: 'x',
          startDate: '2026-02-01',
          endDate: '2026-01-01',
        }),
      /cannot end before it starts/
    )
    await assert.rejects(
      () =>
        contractService.create(tenant.id, {
          accountId: foreign,
          title: 'x',
          startDate: '2026-01-01',
          endDate: '2026-02-01',
        }),
      /account does not exist/
    )
    assert.equal(await countRows('contracts'), 0)
  })
})

test.group('Documents | metadata and contract events', (group) => {
  group.each.setup(() => truncateAll())
  group.each.teardown(async () => {
    await waitForDispatches()
    await drive.use().deleteAll('tenants')
  })

  test('document.updated and document.deleted; contract.created and contract.updated', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)
    const document = await documentService.upload(
      tenant.id,
      { contents: 'x', originalName: 'a.txt' },
      { type: 'other' }
    )
    await documentService.update(tenant.id, document.id, {
      type: 'receipt',
      expiresOn: '2027-05-01',
    })
    const contract = await contractService.create(tenant.id, {
      accountId,
      title: 'SLA',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      documentId: document.id,
    })
    await contractService.update(tenant.id, contract.id, { value: 50_000 })
    await documentService.remove(tenant.id, document.id, { actorId: user.id })

    const events = await eventsOf(tenant.id)
    const types = events.map((event) => event.type)
    assert.deepEqual(types, [
      'document.uploaded',
      'document.updated',
      'contract.created',
      'contract.updated',
      'document.deleted',
    ])
    const [updated] = await eventsOf(tenant.id, 'document.updated')
    assert.deepEqual(updated.payload.changes.type, { from: 'other', to: 'receipt' })
    const [deleted] = await eventsOf(tenant.id, 'document.deleted')
    assert.equal(deleted.actorId, user.id)
    await contract.refresh()
    assert.isNull(contract.documentId)
  })
})
