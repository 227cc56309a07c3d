import type { HttpContext } from '@adonisjs/core/http'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Activity from '#crm/models/activity'
import Lead, { LEAD_SOURCES, LEAD_STATUSES } from '#crm/models/lead'
import { leadService } from '#crm/services/lead_service'
import { actor, authorize, respond } from '#crm/support/http'
import { accountOptions, listFilters, memberOptions, paginate } from '#crm/support/listing'
import type { ActivityView, LeadView } from '#crm/types'
import {
  convertLeadValidator,
  createLeadValidator,
  updateLeadValidator,
} from '#crm/validators/leads'

const present = (lead: Lead) => lead.serialize() as LeadView

export default class LeadsController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'viewer')
    const filters = await listFilters(ctx)
    const query = Lead.query().where('tenant_id', ctx.tenant.id)
    if (filters.status && (LEAD_STATUSES as readonly string[]).includes(filters.status)) {
      query.where('status', filters.status)
    }
    const leads = await paginate(query, filters, {
      searchColumns: ['name', 'company', 'email'],
      sortable: { name: 'name', company: 'company', score: 'score', createdAt: 'created_at' },
      present,
    })
    return ctx.inertia.render('crm/leads/index', {
      leads,
      filters,
      statuses: [...LEAD_STATUSES],
      sources: [...LEAD_SOURCES],
      members: await memberOptions(ctx.tenant.id),
    })
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const input = await ctx.request.validateUsing(createLeadValidator)
    const lead = await leadService.create(ctx.tenant.id, input, actor(ctx))
    return respond(ctx, lead, `Lead "${lead.name}" created`, {
      to: `/crm/leads/${lead.id}`,
      created: true,
    })
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'viewer')
    const lead = await findForTenantOrFail(Lead, ctx.tenant.id, ctx.params.id)
    const activities = await Activity.query()
      .where('tenant_id', ctx.tenant.id)
      .where('lead_id', lead.id)
      .orderBy('created_at', 'desc')
    return ctx.inertia.render('crm/leads/show', {
      lead: present(lead),
      activities: activities.map((a) => a.serialize() as ActivityView),
      statuses: [...LEAD_STATUSES],
      sources: [...LEAD_SOURCES],
      members: await memberOptions(ctx.tenant.id),
      accounts: await accountOptions(ctx.tenant.id),
    })
  }

  async update(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const input = await ctx.request.validateUsing(updateLeadValidator)
    const lead = await leadService.update(ctx.tenant.id, ctx.params.id, input, actor(ctx))
    return respond(ctx, lead, 'Lead saved')
  }

  async convert(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const input = await ctx.request.validateUsing(convertLeadValidator)
    const result = await leadService.convert(ctx.tenant.id, ctx.params.id, input, actor(ctx))
    const to = result.deal ? `/crm/deals/${result.deal.id}` : `/crm/contacts/${result.contact.id}`
    return respond(
      ctx,
      {
        lead: result.lead.serialize(),
        accountId: result.account?.id ?? null,
        contactId: result.contact.id,
        dealId: result.deal?.id ?? null,
      },
      'Lead converted',
      { to }
    )
  }
}
