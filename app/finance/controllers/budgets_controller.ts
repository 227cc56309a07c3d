import type { HttpContext } from '@adonisjs/core/http'
import { atLeast } from '#core/abilities'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Budget from '#finance/models/budget'
import { EXPENSE_CATEGORIES } from '#finance/models/expense'
import { budgetService } from '#finance/services/budget_service'
import { financeQueries } from '#finance/queries/finance_queries'
import { createBudgetValidator, updateBudgetValidator } from '#finance/validators/finance'
import { afterWrite, listQuery, wantsJson } from '#finance/support/http'

/** Budgets per category and period, with their utilization (viewer reads, builder writes). */
export default class BudgetsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'viewer')
    const query = await listQuery(ctx)
    const budgets = await financeQueries.budgets(ctx.tenant.id, query)
    if (wantsJson(ctx)) return budgets
    return ctx.inertia.render('finance/budgets', {
      budgets,
      query,
      categories: [...EXPENSE_CATEGORIES],
      currency: ctx.tenant.currency,
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const input = await ctx.request.validateUsing(createBudgetValidator)
    const budget = await budgetService.create(ctx.tenant.id, input, { actorId: ctx.auth.user!.id })
    return afterWrite(ctx, {
      record: budget.serialize(),
      message: `Budget "${budget.name}" created`,
      created: true,
    })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const existing = await findForTenantOrFail(Budget, ctx.tenant.id, ctx.params.id)
    const input = await ctx.request.validateUsing(updateBudgetValidator)
    const budget = await budgetService.update(ctx.tenant.id, existing.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, { record: budget.serialize(), message: 'Budget saved' })
  }
}
