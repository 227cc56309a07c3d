import type { HttpContext } from '@adonisjs/core/http'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Deal from '#crm/models/deal'
import Quote, { QUOTE_STATUSES } from '#crm/models/quote'
import { quoteService } from '#crm/services/quote_service'
import { actor, authorize, respond } from '#crm/support/http'
import { accountOptions, listFilters, paginate } from '#crm/support/listing'
import type { QuoteView } from '#crm/types'
import {
  createQuoteValidator,
  declineQuoteValidator,
  updateQuoteValidator,
} from '#crm/validators/quotes'

const present = (quote: Quote) => quote.serialize() as QuoteView

export default class QuotesController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'viewer')
    const filters = await listFilters(ctx)
    const query = Quote.query().where('tenant_id', ctx.tenant.id).preload('account')
    if (filters.status && (QUOTE_STATUSES as readonly string[]).includes(filters.status)) {
      query.where('status', filters.status)
    }
    const quotes = await paginate(query, filters, {
      searchColumns: ['number', 'title'],
      sortable: { number: 'number', title: 'title', total: 'total', validUntil: 'valid_until' },
      present,
    })
    return ctx.inertia.render('crm/quotes/index', {
      quotes,
      filters,
      statuses: [...QUOTE_STATUSES],
      ...(await this.options(ctx.tenant.id)),
    })
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const input = await ctx.request.validateUsing(createQuoteValidator)
    const quote = await quoteService.create(ctx.tenant.id, input, actor(ctx))
    return respond(ctx, quote, `Quote ${quote.number} created`, {
      to: `/crm/quotes/${quote.id}`,
      created: true,
    })
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'viewer')
    const quote = await findForTenantOrFail(Quote, ctx.tenant.id, ctx.params.id)
    await quote.load('lines')
    await quote.load('account')
    return ctx.inertia.render('crm/quotes/show', {
      quote: present(quote),
      ...(await this.options(ctx.tenant.id)),
    })
  }

  async update(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const input = await ctx.request.validateUsing(updateQuoteValidator)
    const quote = await quoteService.update(ctx.tenant.id, ctx.params.id, input, actor(ctx))
    return respond(ctx, quote, 'Quote saved')
  }

  async send(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const quote = await quoteService.send(ctx.tenant.id, ctx.params.id, actor(ctx))
    return respond(ctx, quote, `Quote ${quote.number} sent`)
  }

  async accept(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const quote = await quoteService.accept(ctx.tenant.id, ctx.params.id, actor(ctx))
    return respond(ctx, quote, `Quote ${quote.number} accepted`)
  }

  async decline(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const { reason } = await ctx.request.validateUsing(declineQuoteValidator)
    const quote = await quoteService.decline(
      ctx.tenant.id,
      ctx.params.id,
      reason ?? null,
      actor(ctx)
    )
    return respond(ctx, quote, `Quote ${quote.number} declined`)
  }

  private async options(tenantId: number) {
    const deals = await Deal.query()
      .where('tenant_id', tenantId)
      .orderBy('updated_at', 'desc')
      .limit(500)
      .select('id', 'name')
    return {
      accounts: await accountOptions(tenantId),
      deals: deals.map((d) => ({ id: d.id, name: d.name })),
    }
  }
}
