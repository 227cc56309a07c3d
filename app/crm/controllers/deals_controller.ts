import type { HttpContext } from '@adonisjs/core/http'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Activity from '#crm/models/activity'
import Contact from '#crm/models/contact'
import Deal, { DEAL_STATUSES } from '#crm/models/deal'
import Quote from '#crm/models/quote'
import { dealService } from '#crm/services/deal_service'
import { pipelineService } from '#crm/services/pipeline_service'
import { actor, authorize, respond } from '#crm/support/http'
import { accountOptions, listFilters, memberOptions, paginate } from '#crm/support/listing'
import type { ActivityView, DealView, QuoteView, StageView } from '#crm/types'
import {
  createDealValidator,
  loseDealValidator,
  moveDealValidator,
  updateDealValidator,
} from '#crm/validators/deals'

const present = (deal: Deal) => deal.serialize() as DealView

/** Deals: list, pipeline board, detail, and the stage transitions (move / win / lose). */
export default class DealsController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'viewer')
    const filters = await listFilters(ctx)
    const query = Deal.query().where('tenant_id', ctx.tenant.id).preload('stage').preload('account')
    if (filters.status && (DEAL_STATUSES as readonly string[]).includes(filters.status)) {
      query.where('status', filters.status)
    }
    const deals = await paginate(query, filters, {
      searchColumns: ['name'],
      sortable: {
        name: 'name',
        amount: 'amount',
        expectedCloseDate: 'expected_close_date',
        createdAt: 'created_at',
      },
      present,
    })
    return ctx.inertia.render('crm/deals/index', {
      deals,
      filters,
      statuses: [...DEAL_STATUSES],
      stages: await this.stages(ctx.tenant.id),
      accounts: await accountOptions(ctx.tenant.id),
      members: await memberOptions(ctx.tenant.id),
    })
  }

  /** The pipeline board: open deals by stage, plus the deals closed in the last 30 days. */
  async board(ctx: HttpContext) {
    await authorize(ctx, 'viewer')
    const deals = await Deal.query()
      .where('tenant_id', ctx.tenant.id)
      .where((q) => {
        q.where('status', 'open').orWhere('closed_at', '>', new Date(Date.now() - 30 * 86_400_000))
      })
      .preload('account')
      .orderBy('updated_at', 'desc')
      .limit(1000)
    return ctx.inertia.render('crm/deals/board', {
      stages: await this.stages(ctx.tenant.id),
      deals: deals.map(present),
    })
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const input = await ctx.request.validateUsing(createDealValidator)
    const deal = await dealService.create(ctx.tenant.id, input, actor(ctx))
    return respond(ctx, deal, `Deal "${deal.name}" created`, {
      to: `/crm/deals/${deal.id}`,
      created: true,
    })
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'viewer')
    const tenantId = ctx.tenant.id
    const deal = await findForTenantOrFail(Deal, tenantId, ctx.params.id)
    await deal.load('stage')
    await deal.load('account')
    const [activities, quotes, contacts] = await Promise.all([
      Activity.query()
        .where({ tenant_id: tenantId, deal_id: deal.id })
        .orderBy('created_at', 'desc'),
      Quote.query().where({ tenant_id: tenantId, deal_id: deal.id }).orderBy('id', 'desc'),
      Contact.query().where('tenant_id', tenantId).orderBy('first_name').limit(500),
    ])
    return ctx.inertia.render('crm/deals/show', {
      deal: present(deal),
      stages: await this.stages(tenantId),
      activities: activities.map((a) => a.serialize() as ActivityView),
      quotes: quotes.map((q) => q.serialize() as QuoteView),
      accounts: await accountOptions(tenantId),
      contacts: contacts.map((c) => ({ id: c.id, name: c.fullName })),
      members: await memberOptions(tenantId),
    })
  }

  async update(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const input = await ctx.request.validateUsing(updateDealValidator)
    const deal = await dealService.update(ctx.tenant.id, ctx.params.id, input, actor(ctx))
    return respond(ctx, deal, 'Deal saved')
  }

  async move(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const { stageId } = await ctx.request.validateUsing(moveDealValidator)
    const deal = await dealService.moveStage(ctx.tenant.id, ctx.params.id, stageId, actor(ctx))
    return respond(ctx, deal, 'Deal moved')
  }

  async win(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const deal = await dealService.win(ctx.tenant.id, ctx.params.id, actor(ctx))
    return respond(ctx, deal, `Deal "${deal.name}" won`)
  }

  async lose(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const { reason } = await ctx.request.validateUsing(loseDealValidator)
    const deal = await dealService.lose(ctx.tenant.id, ctx.params.id, reason, actor(ctx))
    return respond(ctx, deal, `Deal "${deal.name}" marked as lost`)
  }

  private async stages(tenantId: number) {
    const stages = await pipelineService.stages(tenantId)
    return stages.map((stage) => stage.serialize() as StageView)
  }
}
