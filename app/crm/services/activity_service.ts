import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Activity from '#crm/models/activity'
import { CrmRuleError } from '#crm/support/business_error'
import { toInstant, type DateInput } from '#crm/support/dates'
import { recordCrmEvent, saveWithUpdateEvent } from '#crm/support/events'
import {
  assertInTenant,
  assertMember,
  findByIdempotencyKey,
  inTransaction,
  lockForTenant,
  type ServiceOptions,
} from '#crm/support/transactions'
import type { createActivityValidator, updateActivityValidator } from '#crm/validators/activities'

/** `dueAt` may also be an ISO string or a luxon DateTime for programmatic callers. */
export type CreateActivityInput = Omit<Infer<typeof createActivityValidator>, 'dueAt'> & {
  dueAt?: DateInput | null
}
export type UpdateActivityInput = Omit<Infer<typeof updateActivityValidator>, 'dueAt'> & {
  dueAt?: DateInput | null
}

type Links = Pick<UpdateActivityInput, 'accountId' | 'contactId' | 'leadId' | 'dealId' | 'ownerId'>

/** All writes to activities (calls, emails, meetings, tasks). */
export class ActivityService {
  async log(tenantId: number, input: CreateActivityInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const existing = await findByIdempotencyKey(Activity, trx, tenantId, opts.idempotencyKey)
      if (existing) return existing
      await this.assertLinks(trx, tenantId, input)
      const activity = await Activity.create(
        {
          tenantId,
          type: input.type,
          subject: input.subject,
          notes: input.notes ?? null,
          dueAt: toInstant(input.dueAt) ?? null,
          done: input.done ?? false,
          doneAt: input.done ? DateTime.now() : null,
          ownerId: input.ownerId === undefined ? (opts.actorId ?? null) : input.ownerId,
          accountId: input.accountId ?? null,
          contactId: input.contactId ?? null,
          leadId: input.leadId ?? null,
          dealId: input.dealId ?? null,
          idempotencyKey: opts.idempotencyKey ?? null,
        },
        { client: trx }
      )
      await recordCrmEvent(trx, 'activity.logged', 'activity', activity, opts.actorId, {})
      return activity
    })
  }

  /** Edits fields; setting `done` to true goes through `complete` (activity.completed). */
  async update(
    tenantId: number,
    id: number,
    input: UpdateActivityInput,
    opts: ServiceOptions = {}
  ) {
    return inTransaction(opts.trx, async (trx) => {
      const activity = await lockForTenant(Activity, trx, tenantId, id)
      await this.assertLinks(trx, tenantId, input)
      const { done, dueAt, ...fields } = input
      const data: Record<string, unknown> = { ...fields, dueAt: toInstant(dueAt) }
      if (done === false && activity.done) Object.assign(data, { done: false, doneAt: null })
      await saveWithUpdateEvent(trx, 'activity.updated', 'activity', activity, data, opts.actorId)
      if (done === true && !activity.done) return this.complete(tenantId, id, { ...opts, trx })
      return activity
    })
  }

  async complete(tenantId: number, id: number, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const activity = await lockForTenant(Activity, trx, tenantId, id)
      if (activity.done) throw new CrmRuleError('This activity is already done')
      activity.merge({ done: true, doneAt: DateTime.now() })
      await activity.useTransaction(trx).save()
      await recordCrmEvent(trx, 'activity.completed', 'activity', activity, opts.actorId, {
        changes: { done: { from: false, to: true } },
      })
      return activity
    })
  }

  private async assertLinks(trx: TransactionClientContract, tenantId: number, input: Links) {
    await assertInTenant(trx, 'crm_accounts', tenantId, input.accountId, 'accountId', 'account')
    await assertInTenant(trx, 'crm_contacts', tenantId, input.contactId, 'contactId', 'contact')
    await assertInTenant(trx, 'crm_leads', tenantId, input.leadId, 'leadId', 'lead')
    await assertInTenant(trx, 'crm_deals', tenantId, input.dealId, 'dealId', 'deal')
    await assertMember(trx, tenantId, input.ownerId)
  }
}

export const activityService = new ActivityService()
