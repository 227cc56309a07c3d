import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Tenant from '#core/models/tenant'
import { recordEvent } from '#core/events/outbox'
import Expense from '#finance/models/expense'
import { budgetService } from '#finance/services/budget_service'
import { BusinessRuleError } from '#finance/support/business_error'
import { diffSnapshots, toSnapshot } from '#core/events/snapshot'
import { recordUpdated } from '#finance/support/events'
import { definedOnly } from '#finance/support/changes'
import { toDate, todayIn, type DateInput } from '#finance/support/dates'
import {
  findByIdempotencyKey,
  inTransaction,
  type ServiceOptions,
} from '#finance/support/transactions'

export interface ExpenseInput {
  description: string
  category: string
  /** Minor units. */
  amount: number
  currency?: string | null
  spentOn?: DateInput | null
  /** Who the expense is for; defaults to the acting user. */
  submitterId?: number | null
}

/**
 * Expense lifecycle: submitted → approved | rejected (final). Approval books the amount on the
 * covering budget in the same transaction.
 */
export class ExpenseService {
  async submit(tenantId: number, input: ExpenseInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const existing = await findByIdempotencyKey(Expense, trx, tenantId, opts.idempotencyKey)
      if (existing) return existing
      const tenant = await Tenant.findOrFail(tenantId, { client: trx })
      const submitterId = input.submitterId ?? opts.actorId ?? null
      if (submitterId) await this.assertMember(trx, tenantId, submitterId)
      const expense = await Expense.create(
        {
          tenantId,
          submitterId,
          description: input.description,
          category: input.category,
          amount: input.amount,
          currency: (input.currency ?? tenant.currency).toUpperCase(),
          spentOn: input.spentOn ? toDate(input.spentOn) : todayIn(tenant.timezone),
          status: 'submitted',
          budgetId: null,
          decidedBy: null,
          decidedAt: null,
          rejectionReason: null,
          idempotencyKey: opts.idempotencyKey ?? null,
        },
        { client: trx }
      )
      await recordEvent(trx, {
        tenantId,
        type: 'expense.submitted',
        aggregateType: 'expense',
        aggregateId: expense.id,
        payload: { entity: toSnapshot(expense) },
        actorId: opts.actorId,
      })
      return expense
    })
  }

  /** Corrects an expense that is still waiting for a decision. */
  async update(
    tenantId: number,
    id: number,
    input: Partial<ExpenseInput>,
    opts: ServiceOptions = {}
  ) {
    return inTransaction(opts.trx, async (trx) => {
      const expense = await this.lock(trx, tenantId, id)
      if (expense.status !== 'submitted') {
        throw new BusinessRuleError(`A ${expense.status} expense cannot be edited`)
      }
      if (input.submitterId) await this.assertMember(trx, tenantId, input.submitterId)
      const before = toSnapshot(expense)
      expense.merge(
        definedOnly({
          description: input.description,
          category: input.category,
          amount: input.amount,
          currency: input.currency?.toUpperCase(),
          spentOn: input.spentOn ? toDate(input.spentOn) : undefined,
          submitterId: input.submitterId ?? undefined,
        })
      )
      await expense.useTransaction(trx).save()
      await recordUpdated(trx, 'expense.updated', 'expense', expense, before, opts.actorId)
      return expense
    })
  }

  async approve(tenantId: number, id: number, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const expense = await this.lock(trx, tenantId, id)
      this.assertPending(expense)
      const before = toSnapshot(expense)
      const budget = await budgetService.coveringBudget(trx, tenantId, expense)
      expense.merge({
        status: 'approved',
        budgetId: budget?.id ?? null,
        decidedBy: opts.actorId ?? null,
        decidedAt: DateTime.now(),
      })
      await expense.useTransaction(trx).save()
      await this.emit(trx, 'expense.approved', expense, before, opts)
      if (budget) await budgetService.addSpending(trx, budget, expense.amount, opts)
      return expense
    })
  }

  async reject(tenantId: number, id: number, reason: string, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const expense = await this.lock(trx, tenantId, id)
      this.assertPending(expense)
      if (!reason.trim()) throw new BusinessRuleError('Give a reason for the rejection', 'reason')
      const before = toSnapshot(expense)
      expense.merge({
        status: 'rejected',
        rejectionReason: reason.trim(),
        decidedBy: opts.actorId ?? null,
        decidedAt: DateTime.now(),
      })
      await expense.useTransaction(trx).save()
      await this.emit(trx, 'expense.rejected', expense, before, opts)
      return expense
    })
  }

  private assertPending(expense: Expense) {
    if (expense.status !== 'submitted') {
      throw new BusinessRuleError(`The expense is already ${expense.status}`)
    }
  }

  private async emit(
    trx: TransactionClientContract,
    type: 'expense.approved' | 'expense.rejected',
    expense: Expense,
    before: Record<string, unknown>,
    opts: ServiceOptions
  ) {
    await recordEvent(trx, {
      tenantId: expense.tenantId,
      type,
      aggregateType: 'expense',
      aggregateId: expense.id,
      payload: { entity: toSnapshot(expense), changes: diffSnapshots(before, toSnapshot(expense)) },
      actorId: opts.actorId,
    })
  }

  private async assertMember(trx: TransactionClientContract, tenantId: number, userId: number) {
    const member = await trx
      .from('memberships')
      .where('tenant_id', tenantId)
      .where('user_id', userId)
      .first()
    if (!member) throw new BusinessRuleError('The submitter is not a member', 'submitterId')
  }

  private async lock(trx: TransactionClientContract, tenantId: number, id: number) {
    return Expense.query({ client: trx })
      .where('tenant_id', tenantId)
      .where('id', id)
      .forUpdate()
      .firstOrFail()
  }
}

export const expenseService = new ExpenseService()
