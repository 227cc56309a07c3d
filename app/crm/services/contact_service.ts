import type { Infer } from '@vinejs/vine/types'
import Contact from '#crm/models/contact'
import { recordCrmEvent, saveWithUpdateEvent } from '#crm/support/events'
import {
  assertInTenant,
  assertMember,
  findByIdempotencyKey,
  inTransaction,
  lockForTenant,
  type ServiceOptions,
} from '#crm/support/transactions'
import type { createContactValidator, updateContactValidator } from '#crm/validators/contacts'

export type CreateContactInput = Infer<typeof createContactValidator>
export type UpdateContactInput = Infer<typeof updateContactValidator>

/** All writes to contacts. */
export class ContactService {
  async create(tenantId: number, input: CreateContactInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const existing = await findByIdempotencyKey(Contact, trx, tenantId, opts.idempotencyKey)
      if (existing) return existing
      await assertInTenant(trx, 'crm_accounts', tenantId, input.accountId, 'accountId', 'account')
      await assertMember(trx, tenantId, input.ownerId)
      const contact = await Contact.create(
        {
          tenantId,
          firstName: input.firstName,
          lastName: input.lastName ?? null,
          accountId: input.accountId ?? null,
          email: input.email ?? null,
          phone: input.phone ?? null,
          title: input.title ?? null,
          ownerId: input.ownerId === undefined ? (opts.actorId ?? null) : input.ownerId,
          idempotencyKey: opts.idempotencyKey ?? null,
        },
        { client: trx }
      )
      await recordCrmEvent(trx, 'contact.created', 'contact', contact, opts.actorId, {})
      return contact
    })
  }

  async update(tenantId: number, id: number, input: UpdateContactInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const contact = await lockForTenant(Contact, trx, tenantId, id)
      await assertInTenant(trx, 'crm_accounts', tenantId, input.accountId, 'accountId', 'account')
      await assertMember(trx, tenantId, input.ownerId)
      await saveWithUpdateEvent(trx, 'contact.updated', 'contact', contact, input, opts.actorId)
      return contact
    })
  }
}

export const contactService = new ContactService()
