import type { HttpContext } from '@adonisjs/core/http'
import { atLeast } from '#core/abilities'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Expense, { EXPENSE_CATEGORIES, EXPENSE_STATUSES } from '#finance/models/expense'
import { expenseService } from '#finance/services/expense_service'
import { financeQueries } from '#finance/queries/finance_queries'
import {
  rejectExpenseValidator,
  submitExpenseValidator,
  updateExpenseValidator,
} from '#finance/validators/finance'
import { memberOptions } from '#finance/support/members'
import { afterWrite, listQuery, wantsJson } from '#finance/support/http'

/**
 * Expenses: builders submit and correct them; approvers (and above) decide.
 */
export default class ExpensesController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'viewer')
    const query = await listQuery(ctx)
    const expenses = await financeQueries.expenses(ctx.tenant.id, query)
    if (wantsJson(ctx)) return expenses
    return ctx.inertia.render('finance/expenses', {
      expenses,
      query,
      statuses: [...EXPENSE_STATUSES],
      categories: [...EXPENSE_CATEGORIES],
      members: await memberOptions(ctx.tenant.id),
      currency: ctx.tenant.currency,
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const input = await ctx.request.validateUsing(submitExpenseValidator)
    const expense = await expenseService.submit(ctx.tenant.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, {
      record: expense.serialize(),
      message: 'Expense submitted',
      created: true,
    })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const existing = await findForTenantOrFail(Expense, ctx.tenant.id, ctx.params.id)
    const input = await ctx.request.validateUsing(updateExpenseValidator)
    const expense = await expenseService.update(ctx.tenant.id, existing.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, { record: expense.serialize(), message: 'Expense saved' })
  }

  async approve(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'approver')
    const existing = await findForTenantOrFail(Expense, ctx.tenant.id, ctx.params.id)
    const expense = await expenseService.approve(ctx.tenant.id, existing.id, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, { record: expense.serialize(), message: 'Expense approved' })
  }

  async reject(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'approver')
    const existing = await findForTenantOrFail(Expense, ctx.tenant.id, ctx.params.id)
    const { reason } = await ctx.request.validateUsing(rejectExpenseValidator)
    const expense = await expenseService.reject(ctx.tenant.id, existing.id, reason, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, { record: expense.serialize(), message: 'Expense rejected' })
  }
}
