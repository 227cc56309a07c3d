import Expense, { EXPENSE_STATUSES } from '#finance/models/expense'
import Budget from '#finance/models/budget'
import type { BudgetDto, ExpenseDto } from '#finance/dto'
import { userNames } from '#finance/support/members'
import { pageOf, type ListQuery } from '#finance/support/http'

export function expenseDto(expense: Expense, submitterName: string | null): ExpenseDto {
  return {
    id: expense.id,
    description: expense.description,
    category: expense.category,
    amount: expense.amount,
    currency: expense.currency,
    spentOn: expense.spentOn.toISODate()!,
    status: expense.status,
    submitterId: expense.submitterId,
    submitterName,
    budgetId: expense.budgetId,
    decidedBy: expense.decidedBy,
    decidedAt: expense.decidedAt?.toISO() ?? null,
    rejectionReason: expense.rejectionReason,
    createdAt: expense.createdAt.toISO()!,
  }
}

export function budgetDto(budget: Budget): BudgetDto {
  return {
    id: budget.id,
    name: budget.name,
    category: budget.category,
    periodStart: budget.periodStart.toISODate()!,
    periodEnd: budget.periodEnd.toISODate()!,
    limitAmount: budget.limitAmount,
    spentAmount: budget.spentAmount,
    remaining: budget.remaining,
    utilization: budget.utilization,
    currency: budget.currency,
    updatedAt: budget.updatedAt.toISO()!,
  }
}

export const financeQueries = {
  async expenses(tenantId: number, query: ListQuery) {
    const paginator = await Expense.query()
      .where('tenant_id', tenantId)
      .if(EXPENSE_STATUSES.includes(query.status as never), (q) => q.where('status', query.status))
      .if(query.search, (q) =>
        q.where((inner) =>
          inner
            .whereILike('description', `%${query.search}%`)
            .orWhereILike('category', `%${query.search}%`)
        )
      )
      .orderBy(query.sort === 'amount' ? 'amount' : 'spent_on', query.order)
      .orderBy('id', 'desc')
      .paginate(query.page, query.perPage)
    const names = await userNames(paginator.all().map((expense) => expense.submitterId))
    return pageOf(paginator, (expense) =>
      expenseDto(expense, names.get(expense.submitterId ?? 0) ?? null)
    )
  },

  /** Budgets, fullest first by default (the ones about to run out are what people look for). */
  async budgets(tenantId: number, query: ListQuery) {
    const paginator = await Budget.query()
      .where('tenant_id', tenantId)
      .if(query.search, (q) =>
        q.where((inner) =>
          inner
            .whereILike('name', `%${query.search}%`)
            .orWhereILike('category', `%${query.search}%`)
        )
      )
      .if(query.status === 'over', (q) => q.whereRaw('spent_amount > limit_amount'))
      .if(query.status === 'near', (q) =>
        q.whereRaw('spent_amount >= limit_amount * 0.8 and spent_amount <= limit_amount')
      )
      .orderByRaw(
        query.sort === 'periodStart'
          ? `period_start ${query.order}`
          : `spent_amount::float / nullif(limit_amount, 0) ${query.order}`
      )
      .orderBy('id', 'desc')
      .paginate(query.page, query.perPage)
    return pageOf(paginator, budgetDto)
  },
}
