import type { HttpContext } from '@adonisjs/core/http'
import { atLeast } from '#core/abilities'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Payment, { PAYMENT_METHODS } from '#payments/models/payment'
import { paymentService } from '#payments/services/payment_service'
import { paymentQueries } from '#payments/queries/payment_queries'
import { recordPaymentValidator, updatePaymentValidator } from '#payments/validators/payment'
import { afterWrite, listQuery, wantsJson } from '#finance/support/http'

/** Payments: the list, recording one against an open invoice, and correcting its details. */
export default class PaymentsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'viewer')
    const query = await listQuery(ctx, { sort: 'paidOn' })
    const payments = await paymentQueries.list(ctx.tenant.id, query)
    if (wantsJson(ctx)) return payments
    return ctx.inertia.render('payments/index', {
      payments,
      query,
      methods: [...PAYMENT_METHODS],
      payableInvoices: await paymentQueries.payableInvoices(ctx.tenant.id),
    })
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'viewer')
    const payment = await findForTenantOrFail(Payment, ctx.tenant.id, ctx.params.id)
    const detail = await paymentQueries.detail(payment)
    if (wantsJson(ctx)) return { data: detail }
    return ctx.inertia.render('payments/show', { payment: detail, methods: [...PAYMENT_METHODS] })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const existing = await findForTenantOrFail(Payment, ctx.tenant.id, ctx.params.id)
    const input = await ctx.request.validateUsing(updatePaymentValidator)
    const payment = await paymentService.update(ctx.tenant.id, existing.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, { record: payment.serialize(), message: 'Payment saved' })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const input = await ctx.request.validateUsing(recordPaymentValidator)
    const payment = await paymentService.record(ctx.tenant.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, {
      record: payment.serialize(),
      message: 'Payment recorded',
      created: true,
    })
  }
}
