import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Tenant from '#core/models/tenant'
import { diffSnapshots, toSnapshot } from '#core/events/snapshot'
import Deal from '#crm/models/deal'
import type DealStage from '#crm/models/deal_stage'
import { pipelineService } from '#crm/services/pipeline_service'
import { CrmRuleError } from '#crm/support/business_error'
import { toCalendarDate, type DateInput } from '#crm/support/dates'
import { recordCrmEvent, saveWithUpdateEvent } from '#crm/support/events'
import {
  assertInTenant,
  assertMember,
  findByIdempotencyKey,
  inTransaction,
  lockForTenant,
  type ServiceOptions,
} from '#crm/support/transactions'
import type { createDealValidator, updateDealValidator } from '#crm/validators/deals'

/** Dates may also be given as 'YYYY-MM-DD' strings or luxon DateTimes by programmatic callers. */
export type CreateDealInput = Omit<Infer<typeof createDealValidator>, 'expectedCloseDate'> & {
  expectedCloseDate?: DateInput | null
  leadId?: number | null
}
export type UpdateDealInput = Omit<Infer<typeof updateDealValidator>, 'expectedCloseDate'> & {
  expectedCloseDate?: DateInput | null
}

/** Deal snapshots include the stage, so `{{deal.stage.name}}` works in automations. */
export async function dealSnapshot(deal: Deal, trx?: TransactionClientContract) {
  if (trx) deal.useTransaction(trx)
  await deal.load('stage')
  return toSnapshot(deal)
}

/**
 * All writes to deals. A deal is open while it sits in an open stage; reaching the won or lost
 * stage closes it, and a closed deal cannot move any more.
 */
export class DealService {
  async create(tenantId: number, input: CreateDealInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const existing = await findByIdempotencyKey(Deal, trx, tenantId, opts.idempotencyKey)
      if (existing) return this.withStage(existing, trx)
      await this.assertLinks(trx, tenantId, input)
      const stage = input.stageId
        ? await this.openStage(trx, tenantId, input.stageId)
        : await pipelineService.firstOpen(tenantId, trx)
      const tenant = await Tenant.findOrFail(tenantId, { client: trx })
      const deal = await Deal.create(
        {
          tenantId,
          name: input.name,
          accountId: input.accountId ?? null,
          contactId: input.contactId ?? null,
          leadId: input.leadId ?? null,
          stageId: stage.id,
          status: 'open',
          amount: input.amount ?? 0,
          currency: input.currency ?? tenant.currency,
          ownerId: input.ownerId === undefined ? (opts.actorId ?? null) : input.ownerId,
          expectedCloseDate: toCalendarDate(input.expectedCloseDate) ?? null,
          idempotencyKey: opts.idempotencyKey ?? null,
        },
        { client: trx }
      )
      const entity = await dealSnapshot(deal, trx)
      await recordCrmEvent(trx, 'deal.created', 'deal', deal, opts.actorId, {}, entity)
      return deal
    })
  }

  /**
   * Edits fields; a `stageId` or `status` in the input goes through the move / win / lose rules
   * (so the board, the form and automations behave the same).
   */
  async update(tenantId: number, id: number, input: UpdateDealInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const deal = await lockForTenant(Deal, trx, tenantId, id)
      const { stageId, status, lostReason, expectedCloseDate, ...fields } = input
      await this.assertLinks(trx, tenantId, fields)
      await saveWithUpdateEvent(
        trx,
        'deal.updated',
        'deal',
        deal,
        { ...fields, expectedCloseDate: toCalendarDate(expectedCloseDate) },
        opts.actorId,
        (row: Deal) => dealSnapshot(row, trx)
      )
      const nested = { ...opts, trx }
      if (status === 'won') await this.win(tenantId, id, nested)
      else if (status === 'lost') {
        if (!lostReason)
          throw new CrmRuleError('Give a reason to mark the deal as lost', 'lostReason')
        await this.lose(tenantId, id, lostReason, nested)
      } else if (status === 'open' && deal.status !== 'open') {
        throw new CrmRuleError(`This deal is ${deal.status} and cannot be reopened`, 'status')
      }
      if (stageId !== undefined && status === undefined && stageId !== deal.stageId) {
        await this.moveStage(tenantId, id, stageId, nested)
      }
      return this.withStage(await lockForTenant(Deal, trx, tenantId, id), trx)
    })
  }

  /** Moves an open deal to another stage; the won / lost stages close it (lost needs a reason). */
  async moveStage(tenantId: number, id: number, stageId: number, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const deal = await lockForTenant(Deal, trx, tenantId, id)
      this.assertOpen(deal, 'moved')
      const target = await pipelineService.stage(tenantId, stageId, trx)
      if (!target) throw new CrmRuleError('The selected stage does not exist', 'stageId')
      if (target.kind === 'won') return this.close(trx, deal, target, null, opts)
      if (target.kind === 'lost') {
        throw new CrmRuleError('Mark the deal as lost with a reason to move it to Lost', 'stageId')
      }
      if (target.id === deal.stageId) return this.withStage(deal, trx)
      return this.changeStage(trx, deal, target, opts)
    })
  }

  async win(tenantId: number, id: number, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const deal = await lockForTenant(Deal, trx, tenantId, id)
      this.assertOpen(deal, 'won')
      return this.close(trx, deal, await pipelineService.ofKind(tenantId, 'won', trx), null, opts)
    })
  }

  async lose(tenantId: number, id: number, reason: string, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const deal = await lockForTenant(Deal, trx, tenantId, id)
      this.assertOpen(deal, 'lost')
      if (!reason.trim()) throw new CrmRuleError('Give a reason to mark the deal as lost', 'reason')
      const lost = await pipelineService.ofKind(tenantId, 'lost', trx)
      return this.close(trx, deal, lost, reason.trim(), opts)
    })
  }

  private async close(
    trx: TransactionClientContract,
    deal: Deal,
    stage: DealStage,
    reason: string | null,
    opts: ServiceOptions
  ) {
    deal.merge({
      status: stage.kind as 'won' | 'lost',
      closedAt: DateTime.now(),
      lostReason: reason,
    })
    await this.changeStage(trx, deal, stage, opts)
    const entity = await dealSnapshot(deal, trx)
    if (stage.kind === 'won') {
      await recordCrmEvent(trx, 'deal.won', 'deal', deal, opts.actorId, {}, entity)
    } else {
      await recordCrmEvent(
        trx,
        'deal.lost',
        'deal',
        deal,
        opts.actorId,
        { reason: reason! },
        entity
      )
    }
    return deal
  }

  private async changeStage(
    trx: TransactionClientContract,
    deal: Deal,
    target: DealStage,
    opts: ServiceOptions
  ) {
    const before = await dealSnapshot(deal, trx)
    const from = deal.stage
    deal.stageId = target.id
    await deal.useTransaction(trx).save()
    const entity = await dealSnapshot(deal, trx)
    await recordCrmEvent(
      trx,
      'deal.stage_changed',
      'deal',
      deal,
      opts.actorId,
      {
        changes: diffSnapshots(before, entity),
        from: from.name,
        to: target.name,
        fromStageId: from.id,
        toStageId: target.id,
      },
      entity
    )
    return deal
  }

  private assertOpen(deal: Deal, verb: string) {
    if (deal.status !== 'open') {
      throw new CrmRuleError(`This deal is already ${deal.status}; a closed deal cannot be ${verb}`)
    }
  }

  private async openStage(trx: TransactionClientContract, tenantId: number, stageId: number) {
    const stage = await pipelineService.stage(tenantId, stageId, trx)
    if (!stage) throw new CrmRuleError('The selected stage does not exist', 'stageId')
    if (stage.kind !== 'open') {
      throw new CrmRuleError(
        'A new deal starts in an open stage; win or lose it afterwards',
        'stageId'
      )
    }
    return stage
  }

  private async assertLinks(
    trx: TransactionClientContract,
    tenantId: number,
    input: { accountId?: number | null; contactId?: number | null; ownerId?: number | null }
  ) {
    await assertInTenant(trx, 'crm_accounts', tenantId, input.accountId, 'accountId', 'account')
    await assertInTenant(trx, 'crm_contacts', tenantId, input.contactId, 'contactId', 'contact')
    await assertMember(trx, tenantId, input.ownerId)
  }

  private async withStage(deal: Deal, trx: TransactionClientContract) {
    await dealSnapshot(deal, trx)
    return deal
  }
}

export const dealService = new DealService()
