import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Tenant from '#core/models/tenant'
import { recordEvent } from '#core/events/outbox'
import Budget from '#finance/models/budget'
import { BusinessRuleError } from '#finance/support/business_error'
import { diffSnapshots, toSnapshot } from '#core/events/snapshot'
import { recordCreated } from '#finance/support/events'
import { definedOnly } from '#finance/support/changes'
import { toDate, type DateInput } from '#finance/support/dates'
import {
  findByIdempotencyKey,
  inTransaction,
  type ServiceOptions,
} from '#finance/support/transactions'

export interface BudgetInput {
  name: string
  category: string
  periodStart: DateInput
  periodEnd: DateInput
  /** Minor units. */
  limitAmount: number
  currency?: string | null
}

/**
 * Budgets per expense category and period. `spentAmount` is not edited directly: approved
 * expenses add to it (see ExpenseService), and every change emits `budget.updated`.
 */
export class BudgetService {
  async create(tenantId: number, input: BudgetInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const existing = await findByIdempotencyKey(Budget, trx, tenantId, opts.idempotencyKey)
      if (existing) return existing
      const tenant = await Tenant.findOrFail(tenantId, { client: trx })
      const budget = new Budget().merge({
        tenantId,
        name: input.name,
        category: input.category,
        periodStart: toDate(input.periodStart),
        periodEnd: toDate(input.periodEnd),
        limitAmount: input.limitAmount,
        spentAmount: 0,
        currency: (input.currency ?? tenant.currency).toUpperCase(),
        idempotencyKey: opts.idempotencyKey ?? null,
      })
      this.assertValid(budget)
      await budget.useTransaction(trx).save()
      await recordCreated(trx, 'budget.created', 'budget', budget, opts.actorId)
      return budget
    })
  }

  async update(
    tenantId: number,
    id: number,
    input: Partial<BudgetInput>,
    opts: ServiceOptions = {}
  ) {
    return inTransaction(opts.trx, async (trx) => {
      const budget = await this.lock(trx, tenantId, id)
      const before = toSnapshot(budget)
      budget.merge(
        definedOnly({
          name: input.name,
          category: input.category,
          periodStart: input.periodStart ? toDate(input.periodStart) : undefined,
          periodEnd: input.periodEnd ? toDate(input.periodEnd) : undefined,
          limitAmount: input.limitAmount,
        })
      )
      if (input.currency && input.currency.toUpperCase() !== budget.currency) {
        throw new BusinessRuleError('The currency of a budget cannot change', 'currency')
      }
      this.assertValid(budget)
      await budget.useTransaction(trx).save()
      await this.emitUpdated(trx, budget, before, opts)
      return budget
    })
  }

  /** Adds an approved amount to the budget (called inside the expense approval). */
  async addSpending(
    trx: TransactionClientContract,
    budget: Budget,
    amount: number,
    opts: ServiceOptions
  ) {
    const before = toSnapshot(budget)
    budget.spentAmount += amount
    await budget.useTransaction(trx).save()
    await this.emitUpdated(trx, budget, before, opts)
  }

  /** The budget that covers an expense: same category and currency, period containing the date. */
  async coveringBudget(
    trx: TransactionClientContract,
    tenantId: number,
    expense: { category: string; currency: string; spentOn: DateInput }
  ) {
    const day = toDate(expense.spentOn).toISODate()!
    return Budget.query({ client: trx })
      .where('tenant_id', tenantId)
      .where('category', expense.category)
      .where('currency', expense.currency)
      .where('period_start', '<=', day)
      .where('period_end', '>=', day)
      .orderBy('period_start', 'desc')
      .forUpdate()
      .first()
  }

  async lock(trx: TransactionClientContract, tenantId: number, id: number) {
    return Budget.query({ client: trx })
      .where('tenant_id', tenantId)
      .where('id', id)
      .forUpdate()
      .firstOrFail()
  }

  private async emitUpdated(
    trx: TransactionClientContract,
    budget: Budget,
    before: Record<string, unknown>,
    opts: ServiceOptions
  ) {
    const changes = diffSnapshots(before, toSnapshot(budget))
    if (Object.keys(changes).length === 0) return
    await recordEvent(trx, {
      tenantId: budget.tenantId,
      type: 'budget.updated',
      aggregateType: 'budget',
      aggregateId: budget.id,
      payload: { entity: toSnapshot(budget), changes },
      actorId: opts.actorId,
    })
  }

  private assertValid(budget: Budget) {
    if (budget.periodEnd < budget.periodStart) {
      throw new BusinessRuleError('The period cannot end before it starts', 'periodEnd')
    }
    if (budget.limitAmount <= 0) {
      throw new BusinessRuleError('The limit must be above zero', 'limitAmount')
    }
  }
}

export const budgetService = new BudgetService()
