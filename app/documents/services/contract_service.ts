import Tenant from '#core/models/tenant'
import Contract from '#documents/models/contract'
import Document from '#documents/models/document'
import { BusinessRuleError } from '#finance/support/business_error'
import { assertAccountInTenant } from '#finance/support/crm_accounts'
import { definedOnly } from '#finance/support/changes'
import { toDate, type DateInput } from '#finance/support/dates'
import {
  findByIdempotencyKey,
  inTransaction,
  type ServiceOptions,
} from '#finance/support/transactions'
import { recordCreated, recordUpdated } from '#finance/support/events'
import { toSnapshot } from '#core/events/snapshot'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export interface ContractInput {
  accountId: number
  title: string
  startDate: DateInput
  endDate: DateInput
  /** Minor units. */
  value?: number | null
  currency?: string | null
  documentId?: number | null
}

/** Customer contracts; the daily scan announces the ones ending soon (`contract.expiring`). */
export class ContractService {
  async create(tenantId: number, input: ContractInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const existing = await findByIdempotencyKey(Contract, trx, tenantId, opts.idempotencyKey)
      if (existing) return existing
      const tenant = await Tenant.findOrFail(tenantId, { client: trx })
      await assertAccountInTenant(trx, tenantId, input.accountId)
      if (input.documentId) await this.assertDocument(trx, tenantId, input.documentId)
      const contract = new Contract().merge({
        tenantId,
        accountId: input.accountId,
        title: input.title,
        startDate: toDate(input.startDate),
        endDate: toDate(input.endDate),
        value: input.value ?? 0,
        currency: (input.currency ?? tenant.currency).toUpperCase(),
        documentId: input.documentId ?? null,
        idempotencyKey: opts.idempotencyKey ?? null,
      })
      this.assertPeriod(contract)
      await contract.useTransaction(trx).save()
      await recordCreated(trx, 'contract.created', 'contract', contract, opts.actorId)
      return contract
    })
  }

  async update(
    tenantId: number,
    id: number,
    input: Partial<ContractInput>,
    opts: ServiceOptions = {}
  ) {
    return inTransaction(opts.trx, async (trx) => {
      const contract = await Contract.query({ client: trx })
        .where('tenant_id', tenantId)
        .where('id', id)
        .forUpdate()
        .firstOrFail()
      const before = toSnapshot(contract)
      if (input.accountId && input.accountId !== contract.accountId) {
        await assertAccountInTenant(trx, tenantId, input.accountId)
      }
      if (input.documentId) await this.assertDocument(trx, tenantId, input.documentId)
      contract.merge(
        definedOnly({
          accountId: input.accountId,
          title: input.title,
          startDate: input.startDate ? toDate(input.startDate) : undefined,
          endDate: input.endDate ? toDate(input.endDate) : undefined,
          value: input.value ?? undefined,
          currency: input.currency?.toUpperCase(),
          documentId: input.documentId,
        })
      )
      this.assertPeriod(contract)
      await contract.useTransaction(trx).save()
      await recordUpdated(trx, 'contract.updated', 'contract', contract, before, opts.actorId)
      return contract
    })
  }

  private assertPeriod(contract: Contract) {
    if (contract.endDate < contract.startDate) {
      throw new BusinessRuleError('The contract cannot end before it starts', 'endDate')
    }
  }

  private async assertDocument(trx: TransactionClientContract, tenantId: number, id: number) {
    const document = await Document.query({ client: trx })
      .where('tenant_id', tenantId)
      .where('id', id)
      .first()
    if (!document) throw new BusinessRuleError('The selected document does not exist', 'documentId')
  }
}

export const contractService = new ContractService()
