import type { HttpContext } from '@adonisjs/core/http'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Account from '#crm/models/account'
import Activity from '#crm/models/activity'
import Contact from '#crm/models/contact'
import Deal from '#crm/models/deal'
import Quote from '#crm/models/quote'
import { accountService } from '#crm/services/account_service'
import { actor, authorize, respond } from '#crm/support/http'
import { listFilters, memberOptions, paginate } from '#crm/support/listing'
import type { AccountView, ActivityView, ContactView, DealView, QuoteView } from '#crm/types'
import { createAccountValidator, updateAccountValidator } from '#crm/validators/accounts'

const present = (account: Account) => account.serialize() as AccountView

export default class AccountsController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'viewer')
    const filters = await listFilters(ctx)
    const accounts = await paginate(Account.query().where('tenant_id', ctx.tenant.id), filters, {
      searchColumns: ['name', 'industry', 'email'],
      sortable: { name: 'name', industry: 'industry', healthScore: 'health_score' },
      present,
    })
    return ctx.inertia.render('crm/accounts/index', {
      accounts,
      filters,
      members: await memberOptions(ctx.tenant.id),
    })
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const input = await ctx.request.validateUsing(createAccountValidator)
    const account = await accountService.create(ctx.tenant.id, input, actor(ctx))
    return respond(ctx, account, `Account "${account.name}" created`, {
      to: `/crm/accounts/${account.id}`,
      created: true,
    })
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'viewer')
    const tenantId = ctx.tenant.id
    const account = await findForTenantOrFail(Account, tenantId, ctx.params.id)
    const [contacts, deals, quotes, activities] = await Promise.all([
      Contact.query().where({ tenant_id: tenantId, account_id: account.id }).orderBy('first_name'),
      Deal.query()
        .where({ tenant_id: tenantId, account_id: account.id })
        .preload('stage')
        .orderBy('created_at', 'desc'),
      Quote.query().where({ tenant_id: tenantId, account_id: account.id }).orderBy('id', 'desc'),
      Activity.query()
        .where({ tenant_id: tenantId, account_id: account.id })
        .orderBy('created_at', 'desc')
        .limit(100),
    ])
    return ctx.inertia.render('crm/accounts/show', {
      account: present(account),
      contacts: contacts.map((c) => c.serialize() as ContactView),
      deals: deals.map((d) => d.serialize() as DealView),
      quotes: quotes.map((q) => q.serialize() as QuoteView),
      activities: activities.map((a) => a.serialize() as ActivityView),
      members: await memberOptions(tenantId),
    })
  }

  async update(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const input = await ctx.request.validateUsing(updateAccountValidator)
    const account = await accountService.update(ctx.tenant.id, ctx.params.id, input, actor(ctx))
    return respond(ctx, account, 'Account saved')
  }
}
