import type { HttpContext } from '@adonisjs/core/http'
import { atLeast } from '#core/abilities'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Invoice, { INVOICE_STATUSES } from '#invoicing/models/invoice'
import { invoiceService } from '#invoicing/services/invoice_service'
import { invoiceQueries } from '#invoicing/queries/invoice_queries'
import { createInvoiceValidator, updateInvoiceValidator } from '#invoicing/validators/invoice'
import { PAYMENT_METHODS } from '#payments/models/payment'
import { DOCUMENT_TYPES } from '#documents/models/document'
import { accountOptions } from '#finance/support/crm_accounts'
import { afterWrite, listQuery, wantsJson } from '#finance/support/http'

/** Invoices: list, create, detail, edit (drafts), send and void. */
export default class InvoicesController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'viewer')
    const query = await listQuery(ctx, { sort: 'issueDate' })
    const invoices = await invoiceQueries.list(ctx.tenant.id, query)
    if (wantsJson(ctx)) return invoices
    return ctx.inertia.render('invoices/index', {
      invoices,
      query,
      statuses: [...INVOICE_STATUSES],
      counts: await invoiceQueries.statusCounts(ctx.tenant.id),
    })
  }

  async create(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    return ctx.inertia.render('invoices/form', {
      invoice: null,
      accounts: await accountOptions(ctx.tenant.id),
      currency: ctx.tenant.currency,
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const input = await ctx.request.validateUsing(createInvoiceValidator)
    const invoice = await invoiceService.create(ctx.tenant.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, {
      record: invoice.serialize(),
      message: `Invoice ${invoice.number} created`,
      redirectTo: `/invoices/${invoice.id}`,
      created: true,
    })
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'viewer')
    const invoice = await findForTenantOrFail(Invoice, ctx.tenant.id, ctx.params.id)
    const detail = await invoiceQueries.detail(invoice)
    if (wantsJson(ctx)) return { data: detail }
    return ctx.inertia.render('invoices/show', {
      invoice: detail,
      paymentMethods: [...PAYMENT_METHODS],
      documentTypes: [...DOCUMENT_TYPES],
    })
  }

  async edit(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const invoice = await findForTenantOrFail(Invoice, ctx.tenant.id, ctx.params.id)
    if (invoice.status !== 'draft') {
      ctx.session.flash(
        'error',
        `Only draft invoices can be edited (this one is ${invoice.status})`
      )
      return ctx.response.redirect(`/invoices/${invoice.id}`)
    }
    return ctx.inertia.render('invoices/form', {
      invoice: await invoiceQueries.detail(invoice),
      accounts: await accountOptions(ctx.tenant.id),
      currency: ctx.tenant.currency,
    })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const existing = await findForTenantOrFail(Invoice, ctx.tenant.id, ctx.params.id)
    const input = await ctx.request.validateUsing(updateInvoiceValidator)
    const invoice = await invoiceService.update(ctx.tenant.id, existing.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, {
      record: invoice.serialize(),
      message: `Invoice ${invoice.number} saved`,
      redirectTo: `/invoices/${invoice.id}`,
    })
  }

  async send(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const existing = await findForTenantOrFail(Invoice, ctx.tenant.id, ctx.params.id)
    const invoice = await invoiceService.send(ctx.tenant.id, existing.id, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, {
      record: invoice.serialize(),
      message: `Invoice ${invoice.number} sent`,
    })
  }

  async void(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const existing = await findForTenantOrFail(Invoice, ctx.tenant.id, ctx.params.id)
    const invoice = await invoiceService.void(ctx.tenant.id, existing.id, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, {
      record: invoice.serialize(),
      message: `Invoice ${invoice.number} voided`,
    })
  }
}
