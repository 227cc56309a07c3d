import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import { truncateAll } from '#tests/helpers/db'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { inertiaPage } from '#tests/helpers/inertia'
import { waitForDispatches } from '#core/events/outbox'
import { documentService } from '#documents/services/document_service'
import { countRows, createAccount, eventsOf } from '../invoicing/fixtures.js'

const json = { Accept: 'application/json' }

test.group('Documents | HTTP', (group) => {
  group.each.setup(() => truncateAll())
  group.each.teardown(async () => {
    await waitForDispatches()
    await drive.use().deleteAll('tenants')
  })

  test('upload a file, download it, delete it', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')

    const uploaded = await client
      .post('/documents')
      .file('file', Buffer.from('%PDF-1.4 fake'), {
        filename: 'W-9 form.pdf',
        contentType: 'application/pdf',
      })
      .fields({ type: 'certificate', expiresOn: '2027-01-31', ownerType: 'account', ownerId: '5' })
      .headers(json)
      .withCsrfToken()
      .loginAs(user)
    uploaded.assertStatus(201)
    const document = uploaded.body().data
    assert.equal(document.name, 'W-9 form.pdf')
    assert.equal(document.type, 'certificate')
    assert.equal(document.mimeType, 'application/pdf')
    assert.equal(document.expiresOn, '2027-01-31')

    const download = await client.get(`/documents/${document.id}/download`).loginAs(user)
    download.assertStatus(200)
    download.assertHeader('content-type', 'application/pdf')
    assert.include(download.header('content-disposition'), "filename*=UTF-8''W-9%20form.pdf")
    assert.equal(Buffer.from(download.body()).toString(), '%PDF-1.4 fake')

    const [event] = await eventsOf(tenant.id, 'document.uploaded')
    assert.equal(event.payload.entity.ownerId, '5')

    const removed = await client
      .delete(`/documents/${document.id}`)
      .headers(json)
      .withCsrfToken()
      .loginAs(user)
    removed.assertStatus(204)
    assert.equal(await countRows('documents'), 0)
  })

  test('an upload without a file is refused with a field error', async ({ client, assert }) => {
    const { user } = await createTenantWithUser('builder')
    const response = await client
      .post('/documents')
      .json({ type: 'other' })
      .headers(json)
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(422)
    assert.equal(response.body().errors[0].field, 'file')
  })

  test("another tenant's document cannot be downloaded; viewers cannot delete", async ({
    client,
    assert,
  }) => {
    const { tenant } = await createTenantWithUser()
    const viewer = await addMember(tenant, 'viewer')
    const stranger = await createTenantWithUser()
    const document = await documentService.upload(
      tenant.id,
      { contents: 'secret', originalName: 'secret.txt' },
      {}
    )

    const foreign = await client.get(`/documents/${document.id}/download`).loginAs(stranger.user)
    foreign.assertStatus(404)
    const deletion = await client
      .delete(`/documents/${document.id}`)
      .headers(json)
      .withCsrfToken()
      .loginAs(viewer)
    deletion.assertStatus(403)
    assert.equal(await countRows('documents'), 1)
  })

  test('contracts: create and list with the customer name', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const accountId = await createAccount(tenant.id, 'Hooli')

    const created = await client
      .post('/documents/contracts')
      .json({
        accountId,
        title: 'Support 2026',
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        value: 1_200_000,
      })
      .headers(json)
      .withCsrfToken()
      .loginAs(user)
    created.assertStatus(201)

    const backwards = await client
      .post('/documents/contracts')
      .json({ accountId, title: 'x', startDate: '2026-02-01', endDate: '2026-01-01' })
      .headers(json)
      .withCsrfToken()
      .loginAs(user)
    backwards.assertStatus(422)
    assert.equal(backwards.body().errors[0].field, 'endDate')

    const page = inertiaPage(await client.get('/documents/contracts').loginAs(user))
    assert.equal(page.component, 'documents/contracts')
    assert.equal(page.props.contracts.data[0].accountName, 'Hooli')
    const list = inertiaPage(await client.get('/documents').loginAs(user))
    assert.equal(list.component, 'documents/index')
  })
})
