import { test } from '@japa/runner'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser, addMember } from '#tests/helpers/tenancy'
import { waitForDispatches } from '#core/events/outbox'
import { invoiceService } from '#invoicing/services/invoice_service'
import { paymentService } from '#payments/services/payment_service'
import { documentService } from '#documents/services/document_service'
import { inertiaPage } from '#tests/helpers/inertia'
import { countRows, createAccount, eventTypes, twoLines } from './fixtures.js'

test.group('Invoicing | HTTP', (group) => {
  group.each.setup(() => truncateAll())
  group.each.teardown(() => waitForDispatches())

  test('create, send and pay an invoice through the JSON API', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const accountId = await createAccount(tenant.id)

    const created = await client
      .post('/invoices')
      .json({ accountId, issueDate: '2026-04-01', lines: twoLines })
      .header('Accept', 'application/json')
      .withCsrfToken()
      .loginAs(user)
    created.assertStatus(201)
    const invoice = created.body().data
    assert.equal(invoice.number, 'INV-2026-0001')
    assert.equal(invoice.total, 185_050)

    const sent = await client
      .post(`/invoices/${invoice.id}/send`)
      .header('Accept', 'application/json')
      .withCsrfToken()
      .loginAs(user)
    sent.assertStatus(200)
    assert.equal(sent.body().data.status, 'sent')

    const paid = await client
      .post('/payments')
      .json({ invoiceId: invoice.id, amount: 185_050, method: 'card' })
      .header('Accept', 'application/json')
      .withCsrfToken()
      .loginAs(user)
    paid.assertStatus(201)

    const shown = await client
      .get(`/invoices/${invoice.id}`)
      .header('Accept', 'application/json')
      .loginAs(user)
    assert.equal(shown.body().data.status, 'paid')
    assert.lengthOf(shown.body().data.payments, 1)
    assert.deepEqual(await eventTypes(tenant.id), [
      'invoice.created',
      'invoice.sent',
      'payment.received',
      'invoice.paid',
    ])
  })

  test('validation errors come back as 422 with field paths', async ({ client, assert }) => {
    const { user } = await createTenantWithUser('builder')
    const response = await client
      .post('/invoices')
      .json({ lines: [{ description: 'x', quantity: 0, unitPrice: 1.5 }] })
      .header('Accept', 'application/json')
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(422)
    const fields = response.body().errors.map((error: { field: string }) => error.field)
    assert.includeMembers(fields, ['accountId', 'lines.0.quantity', 'lines.0.unitPrice'])
    assert.equal(await countRows('invoices'), 0)
  })

  test('paying a void invoice answers 422 and changes nothing', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const accountId = await createAccount(tenant.id)
    const invoice = await invoiceService.create(tenant.id, { accountId, lines: twoLines })
    await invoiceService.send(tenant.id, invoice.id)
    await invoiceService.void(tenant.id, invoice.id)

    const response = await client
      .post('/payments')
      .json({ invoiceId: invoice.id, amount: 100 })
      .header('Accept', 'application/json')
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(422)
    assert.match(response.body().errors[0].message, /void and cannot be paid/)
    assert.equal(await countRows('payments'), 0)
    await invoice.refresh()
    assert.equal(invoice.amountPaid, 0)
  })

  test('a page visit gets the error as a toast and goes back', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const accountId = await createAccount(tenant.id)
    const invoice = await invoiceService.create(tenant.id, { accountId, lines: twoLines })
    await invoiceService.void(tenant.id, invoice.id)

    const response = await client
      .post(`/invoices/${invoice.id}/send`)
      .header('Referer', `/invoices/${invoice.id}`)
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/invoices/${invoice.id}`)
    response.assertFlashMessage('error', 'Only a draft invoice can be sent (this one is void)')
    assert.deepEqual(await eventTypes(tenant.id), ['invoice.created', 'invoice.voided'])
  })

  test('viewers read but cannot write; other tenants get 404', async ({ client, assert }) => {
    const { tenant } = await createTenantWithUser()
    const viewer = await addMember(tenant, 'viewer')
    const accountId = await createAccount(tenant.id)
    const invoice = await invoiceService.create(tenant.id, { accountId, lines: twoLines })
    const stranger = await createTenantWithUser()

    const list = await client.get('/invoices').header('Accept', 'application/json').loginAs(viewer)
    list.assertStatus(200)
    assert.equal(list.body().meta.total, 1)

    const write = await client
      .post(`/invoices/${invoice.id}/send`)
      .header('Accept', 'application/json')
      .withCsrfToken()
      .loginAs(viewer)
    write.assertStatus(403)

    const foreign = await client
      .get(`/invoices/${invoice.id}`)
      .header('Accept', 'application/json')
      .loginAs(stranger.user)
    foreign.assertStatus(404)
    const foreignList = await client
      .get('/invoices')
      .header('Accept', 'application/json')
      .loginAs(stranger.user)
    assert.equal(foreignList.body().meta.total, 0)
    await invoice.refresh()
    assert.equal(invoice.status, 'draft')
  })

  test('the list searches by number and customer and filters by status', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const acme = await createAccount(tenant.id, 'Acme Corp')
    const globex = await createAccount(tenant.id, 'Globex')
    await invoiceService.create(tenant.id, { accountId: acme, number: 'A-100', lines: twoLines })
    const g = await invoiceService.create(tenant.id, {
      accountId: globex,
      number: 'G-7',
      lines: twoLines,
    })
    await invoiceService.send(tenant.id, g.id)

    const get = async (qs: string) => {
      const response = await client
        .get(`/invoices?${qs}`)
        .header('Accept', 'application/json')
        .loginAs(user)
      return response.body().data.map((row: { number: string }) => row.number)
    }
    assert.deepEqual(await get('search=acme'), ['A-100'])
    assert.deepEqual(await get('search=G-7'), ['G-7'])
    assert.deepEqual(await get('status=sent'), ['G-7'])
    assert.lengthOf(await get('perPage=5&page=2'), 0)
  })

  test('the invoice pages render through Inertia', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const accountId = await createAccount(tenant.id, 'Initech')
    const invoice = await invoiceService.create(tenant.id, { accountId, lines: twoLines })

    const index = inertiaPage(await client.get('/invoices').loginAs(user))
    assert.equal(index.component, 'invoices/index')
    assert.equal(index.props.invoices.data[0].accountName, 'Initech')
    assert.deepEqual(index.props.counts, { draft: 1 })

    await documentService.upload(
      tenant.id,
      { contents: 'pdf', originalName: 'invoice.pdf', mimeType: 'application/pdf' },
      { type: 'invoice', ownerType: 'invoice', ownerId: invoice.id }
    )
    const show = inertiaPage(await client.get(`/invoices/${invoice.id}`).loginAs(user))
    assert.equal(show.component, 'invoices/show')
    assert.lengthOf(show.props.invoice.lines, 2)
    assert.deepEqual(
      show.props.invoice.documents.map((document: { name: string }) => document.name),
      ['invoice.pdf']
    )
    const { default: drive } = await import('@adonisjs/drive/services/main')
    await drive.use().deleteAll('tenants')

    const form = inertiaPage(await client.get('/invoices/create').loginAs(user))
    assert.equal(form.component, 'invoices/form')
    assert.deepEqual(form.props.accounts, [{ id: accountId, name: 'Initech' }])

    const payments = inertiaPage(await client.get('/payments').loginAs(user))
    assert.equal(payments.component, 'payments/index')
  })

  test('a draft is edited through the form; a sent invoice redirects back to its page', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const accountId = await createAccount(tenant.id)
    const invoice = await invoiceService.create(tenant.id, { accountId, lines: twoLines })

    const edit = inertiaPage(await client.get(`/invoices/${invoice.id}/edit`).loginAs(user))
    assert.equal(edit.component, 'invoices/form')
    assert.lengthOf(edit.props.invoice.lines, 2)

    const saved = await client
      .put(`/invoices/${invoice.id}`)
      .json({ lines: [{ description: 'Only line', quantity: 2, unitPrice: 500 }], notes: 'Edited' })
      .header('Accept', 'application/json')
      .withCsrfToken()
      .loginAs(user)
    saved.assertStatus(200)
    assert.equal(saved.body().data.total, 1000)

    await invoiceService.send(tenant.id, invoice.id)
    const refused = await client.get(`/invoices/${invoice.id}/edit`).loginAs(user).redirects(0)
    refused.assertStatus(302)
    refused.assertHeader('location', `/invoices/${invoice.id}`)
    assert.deepEqual(await eventTypes(tenant.id), [
      'invoice.created',
      'invoice.updated',
      'invoice.sent',
    ])
  })

  test('the payments list searches by invoice number and customer', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const acme = await createAccount(tenant.id, 'Acme Corp')
    const other = await createAccount(tenant.id, 'Other Ltd')
    for (const [accountId, number] of [
      [acme, 'A-1'],
      [other, 'O-1'],
    ] as const) {
      const invoice = await invoiceService.create(tenant.id, { accountId, number, lines: twoLines })
      await invoiceService.send(tenant.id, invoice.id)
      await paymentService.record(tenant.id, {
        invoiceId: invoice.id,
        amount: 100,
        reference: `ref-${number}`,
      })
    }

    const numbers = async (qs: string) => {
      const response = await client
        .get(`/payments?${qs}`)
        .header('Accept', 'application/json')
        .loginAs(user)
      return response.body().data.map((row: { invoiceNumber: string }) => row.invoiceNumber)
    }
    assert.deepEqual(await numbers('search=acme'), ['A-1'])
    assert.deepEqual(await numbers('search=ref-O'), ['O-1'])
    assert.sameMembers(await numbers(''), ['A-1', 'O-1'])
    const page = inertiaPage(await client.get('/payments').loginAs(user))
    assert.sameMembers(
      page.props.payableInvoices.map((row: { number: string }) => row.number),
      ['A-1', 'O-1']
    )
  })

  test('a payment page shows the payment and its details can be corrected', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const accountId = await createAccount(tenant.id, 'Payer AG')
    const invoice = await invoiceService.create(tenant.id, { accountId, lines: twoLines })
    await invoiceService.send(tenant.id, invoice.id)
    const payment = await paymentService.record(tenant.id, { invoiceId: invoice.id, amount: 700 })

    const page = inertiaPage(await client.get(`/payments/${payment.id}`).loginAs(user))
    assert.equal(page.component, 'payments/show')
    assert.equal(page.props.payment.accountName, 'Payer AG')
    assert.equal(page.props.payment.invoiceNumber, invoice.number)

    const saved = await client
      .put(`/payments/${payment.id}`)
      .json({ reference: 'SEPA-123', amount: 1 })
      .header('Accept', 'application/json')
      .withCsrfToken()
      .loginAs(user)
    saved.assertStatus(200)
    assert.equal(saved.body().data.reference, 'SEPA-123')
    assert.equal(saved.body().data.amount, 700)
  })
})
