import type { Infer } from '@vinejs/vine/types'
import Account from '#crm/models/account'
import { recordCrmEvent, saveWithUpdateEvent } from '#crm/support/events'
import {
  assertMember,
  findByIdempotencyKey,
  inTransaction,
  lockForTenant,
  type ServiceOptions,
} from '#crm/support/transactions'
import type { createAccountValidator, updateAccountValidator } from '#crm/validators/accounts'

export type CreateAccountInput = Infer<typeof createAccountValidator>
export type UpdateAccountInput = Infer<typeof updateAccountValidator>

/** All writes to accounts (client companies). */
export class AccountService {
  async create(tenantId: number, input: CreateAccountInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const existing = await findByIdempotencyKey(Account, trx, tenantId, opts.idempotencyKey)
      if (existing) return existing
      await assertMember(trx, tenantId, input.ownerId)
      const account = await Account.create(
        {
          tenantId,
          name: input.name,
          industry: input.industry ?? null,
          website: input.website ?? null,
          email: input.email ?? null,
          phone: input.phone ?? null,
          healthScore: input.healthScore ?? 50,
          ownerId: input.ownerId === undefined ? (opts.actorId ?? null) : input.ownerId,
          notes: input.notes ?? null,
          idempotencyKey: opts.idempotencyKey ?? null,
        },
        { client: trx }
      )
      await recordCrmEvent(trx, 'account.created', 'account', account, opts.actorId, {})
      return account
    })
  }

  async update(tenantId: number, id: number, input: UpdateAccountInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const account = await lockForTenant(Account, trx, tenantId, id)
      await assertMember(trx, tenantId, input.ownerId)
      await saveWithUpdateEvent(trx, 'account.updated', 'account', account, input, opts.actorId)
      return account
    })
  }
}

export const accountService = new AccountService()
