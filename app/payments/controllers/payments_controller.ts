import type { HttpContext } from '@adonisjs/core/http'
import { atLeast } from '#core/abilities'
import { PAYMENT_METHODS } from '#payments/models/payment'
import { paymentService } from '#payments/services/payment_service'
import { paymentQueries } from '#payments/queries/payment_queries'
import { recordPaymentValidator } from '#payments/validators/payment'
import { afterWrite, listQuery, wantsJson } from '#finance/support/http'

/** Payments: the list, and recording one against an open invoice. */
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
