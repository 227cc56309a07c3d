import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import Lead, { type LeadStatus } from '#crm/models/lead'
import Account from '#crm/models/account'
import { accountService } from '#crm/services/account_service'
import { contactService } from '#crm/services/contact_service'
import { dealService } from '#crm/services/deal_service'
import { CrmRuleError } from '#crm/support/business_error'
import { recordCrmEvent, saveWithUpdateEvent } from '#crm/support/events'
import {
  assertInTenant,
  assertMember,
  findByIdempotencyKey,
  inTransaction,
  lockForTenant,
  type ServiceOptions,
} from '#crm/support/transactions'
import type {
  convertLeadValidator,
  createLeadValidator,
  updateLeadValidator,
} from '#crm/validators/leads'

export type CreateLeadInput = Infer<typeof createLeadValidator>
export type UpdateLeadInput = Infer<typeof updateLeadValidator>
export type ConvertLeadInput = Infer<typeof convertLeadValidator>

/** Status changes a plain update may make; 'converted' only comes from `convert`. */
const ALLOWED: Record<LeadStatus, LeadStatus[]> = {
  new: ['qualified', 'lost'],
  qualified: ['new', 'lost'],
  lost: ['new', 'qualified'],
  converted: [],
}

export function leadTransitionError(from: LeadStatus, to: LeadStatus): string | null {
  if (from === to) return null
  if (to === 'converted') return 'Use "Convert" to turn a lead into an account, contact and deal'
  if (from === 'converted') return 'This lead is converted; its status can no longer change'
  return ALLOWED[from].includes(to) ? null : `A ${from} lead cannot become ${to}`
}

/** All writes to leads, including the conversion into account + contact (+ deal). */
export class LeadService {
  async create(tenantId: number, input: CreateLeadInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const existing = await findByIdempotencyKey(Lead, trx, tenantId, opts.idempotencyKey)
      if (existing) return existing
      await assertMember(trx, tenantId, input.ownerId)
      const lead = await Lead.create(
        {
          tenantId,
          name: input.name,
          company: input.company ?? null,
          email: input.email ?? null,
          phone: input.phone ?? null,
          source: input.source ?? 'other',
          score: input.score ?? 0,
          status: 'new',
          ownerId: input.ownerId === undefined ? (opts.actorId ?? null) : input.ownerId,
          notes: input.notes ?? null,
          idempotencyKey: opts.idempotencyKey ?? null,
        },
        { client: trx }
      )
      await recordCrmEvent(trx, 'lead.created', 'lead', lead, opts.actorId, {})
      return lead
    })
  }

  async update(tenantId: number, id: number, input: UpdateLeadInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const lead = await lockForTenant(Lead, trx, tenantId, id)
      await assertMember(trx, tenantId, input.ownerId)
      const data: Record<string, unknown> = { ...input }
      if (input.status) {
        const error = leadTransitionError(lead.status, input.status)
        if (error) throw new CrmRuleError(error, 'status')
        if (input.status !== 'lost' && lead.status === 'lost') data.lostReason = null
      }
      await saveWithUpdateEvent(trx, 'lead.updated', 'lead', lead, data, opts.actorId)
      return lead
    })
  }

  /**
   * Converts a new or qualified lead: links or creates the account (from the lead's company),
   * creates the contact and, when asked, a deal, each through its own service (so each emits its
   * own created event), then records lead.converted with the ids.
   */
  async convert(tenantId: number, id: number, input: ConvertLeadInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const lead = await lockForTenant(Lead, trx, tenantId, id)
      if (lead.status === 'converted') throw new CrmRuleError('This lead is already converted')
      if (lead.status === 'lost') {
        throw new CrmRuleError('A lost lead cannot be converted; reopen it first')
      }
      const nested: ServiceOptions = { actorId: opts.actorId, trx }
      let account: Account | null = null
      if (input.accountId) {
        await assertInTenant(trx, 'crm_accounts', tenantId, input.accountId, 'accountId', 'account')
        account = await Account.findOrFail(input.accountId, { client: trx })
      } else if (lead.company) {
        account = await accountService.create(
          tenantId,
          { name: lead.company, email: null, ownerId: lead.ownerId },
          nested
        )
      }
      const [firstName, ...rest] = lead.name.split(/\s+/)
      const contact = await contactService.create(
        tenantId,
        {
          firstName,
          lastName: rest.join(' ') || null,
          email: lead.email,
          phone: lead.phone,
          accountId: account?.id ?? null,
          ownerId: lead.ownerId,
        },
        nested
      )
      const deal = input.createDeal
        ? await dealService.create(
            tenantId,
            {
              name: input.dealName ?? `${lead.company ?? lead.name} deal`,
              amount: input.amount ?? 0,
              currency: input.currency,
              accountId: account?.id ?? null,
              contactId: contact.id,
              ownerId: lead.ownerId,
              leadId: lead.id,
            },
            nested
          )
        : null
      lead.merge({
        status: 'converted',
        convertedAt: DateTime.now(),
        convertedAccountId: account?.id ?? null,
        convertedContactId: contact.id,
        convertedDealId: deal?.id ?? null,
      })
      await lead.useTransaction(trx).save()
      await recordCrmEvent(trx, 'lead.converted', 'lead', lead, opts.actorId, {
        accountId: account?.id ?? null,
        contactId: contact.id,
        dealId: deal?.id ?? null,
      })
      return { lead, account, contact, deal }
    })
  }
}

export const leadService = new LeadService()
