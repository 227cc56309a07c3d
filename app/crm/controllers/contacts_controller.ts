import type { HttpContext } from '@adonisjs/core/http'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Activity from '#crm/models/activity'
import Contact from '#crm/models/contact'
import { contactService } from '#crm/services/contact_service'
import { actor, authorize, respond } from '#crm/support/http'
import { accountOptions, listFilters, memberOptions, paginate } from '#crm/support/listing'
import type { ActivityView, ContactView } from '#crm/types'
import { createContactValidator, updateContactValidator } from '#crm/validators/contacts'

const present = (contact: Contact) => contact.serialize() as ContactView

export default class ContactsController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'viewer')
    const filters = await listFilters(ctx)
    const query = Contact.query().where('tenant_id', ctx.tenant.id).preload('account')
    const contacts = await paginate(query, filters, {
      searchColumns: ['first_name', 'last_name', 'email', 'title'],
      sortable: { fullName: 'first_name', email: 'email', title: 'title' },
      present,
    })
    return ctx.inertia.render('crm/contacts/index', {
      contacts,
      filters,
      accounts: await accountOptions(ctx.tenant.id),
      members: await memberOptions(ctx.tenant.id),
    })
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const input = await ctx.request.validateUsing(createContactValidator)
    const contact = await contactService.create(ctx.tenant.id, input, actor(ctx))
    return respond(ctx, contact, `Contact "${contact.fullName}" created`, {
      to: `/crm/contacts/${contact.id}`,
      created: true,
    })
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'viewer')
    const contact = await findForTenantOrFail(Contact, ctx.tenant.id, ctx.params.id)
    await contact.load('account')
    const activities = await Activity.query()
      .where({ tenant_id: ctx.tenant.id, contact_id: contact.id })
      .orderBy('created_at', 'desc')
    return ctx.inertia.render('crm/contacts/show', {
      contact: present(contact),
      activities: activities.map((a) => a.serialize() as ActivityView),
      accounts: await accountOptions(ctx.tenant.id),
      members: await memberOptions(ctx.tenant.id),
    })
  }

  async update(ctx: HttpContext) {
    await authorize(ctx, 'builder')
    const input = await ctx.request.validateUsing(updateContactValidator)
    const contact = await contactService.update(ctx.tenant.id, ctx.params.id, input, actor(ctx))
    return respond(ctx, contact, 'Contact saved')
  }
}
