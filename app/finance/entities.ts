import { entityRegistry } from '#core/entities/registry'
import Expense, { EXPENSE_CATEGORIES, EXPENSE_STATUSES } from '#finance/models/expense'
import Budget from '#finance/models/budget'
import { expenseService } from '#finance/services/expense_service'
import { budgetService } from '#finance/services/budget_service'
import {
  createBudgetValidator,
  submitExpenseValidator,
  updateBudgetValidator,
  updateExpenseValidator,
} from '#finance/validators/finance'
import { BusinessRuleError } from '#finance/support/business_error'
import { asRecord, findRecord, requireRowId } from '#finance/support/registry'

/**
 * Expenses: `create` submits one. `update` with `status: 'approved'` approves it, with
 * `status: 'rejected'` (and `rejectionReason`) rejects it: the same actions as the buttons.
 */
entityRegistry.register({
  name: 'expense',
  label: 'Expense',
  module: 'finance',
  titleField: 'description',
  fields: [
    { key: 'id', label: 'ID', type: 'number', writable: false },
    { key: 'description', label: 'Description', type: 'string', required: true },
    {
      key: 'category',
      label: 'Category',
      type: 'enum',
      options: [...EXPENSE_CATEGORIES],
      required: true,
    },
    { key: 'amount', label: 'Amount', type: 'money', required: true },
    { key: 'currency', label: 'Currency', type: 'string' },
    { key: 'spentOn', label: 'Spent on', type: 'date' },
    { key: 'submitterId', label: 'Submitter', type: 'reference', reference: 'user' },
    { key: 'status', label: 'Status', type: 'enum', options: [...EXPENSE_STATUSES] },
    { key: 'rejectionReason', label: 'Rejection reason', type: 'string' },
    { key: 'budgetId', label: 'Budget', type: 'reference', reference: 'budget', writable: false },
    { key: 'decidedAt', label: 'Decided at', type: 'datetime', writable: false },
    { key: 'createdAt', label: 'Submitted at', type: 'datetime', writable: false },
  ],
  events: ['expense.submitted', 'expense.updated', 'expense.approved', 'expense.rejected'],
  operations: {
    find: (tenantId, id, opts) => findRecord(Expense, tenantId, id, opts),
    async create(tenantId, data, opts = {}) {
      const input = await submitExpenseValidator.validate(data)
      return asRecord(await expenseService.submit(tenantId, input, opts))
    },
    async update(tenantId, id, data, opts = {}) {
      const { status, rejectionReason, ...fields } = data
      const expenseId = requireRowId(id)
      let expense = await Expense.query({ client: opts.trx })
        .where('tenant_id', tenantId)
        .where('id', expenseId)
        .firstOrFail()
      if (Object.keys(fields).length > 0) {
        const input = await updateExpenseValidator.validate(fields)
        expense = await expenseService.update(tenantId, expenseId, input, opts)
      }
      // Asking for the status the expense already has is a no-op, so a retried step succeeds.
      if (status !== undefined && status !== expense.status) {
        if (status === 'approved') expense = await expenseService.approve(tenantId, expenseId, opts)
        else if (status === 'rejected') {
          const reason = typeof rejectionReason === 'string' ? rejectionReason : ''
          expense = await expenseService.reject(tenantId, expenseId, reason, opts)
        } else {
          throw new BusinessRuleError(`An expense cannot go back to "${String(status)}"`, 'status')
        }
      }
      return asRecord(expense)
    },
  },
})

entityRegistry.register({
  name: 'budget',
  label: 'Budget',
  module: 'finance',
  titleField: 'name',
  fields: [
    { key: 'id', label: 'ID', type: 'number', writable: false },
    { key: 'name', label: 'Name', type: 'string', required: true },
    {
      key: 'category',
      label: 'Category',
      type: 'enum',
      options: [...EXPENSE_CATEGORIES],
      required: true,
    },
    { key: 'periodStart', label: 'Period start', type: 'date', required: true },
    { key: 'periodEnd', label: 'Period end', type: 'date', required: true },
    { key: 'limitAmount', label: 'Limit', type: 'money', required: true },
    { key: 'spentAmount', label: 'Spent', type: 'money', writable: false },
    { key: 'remaining', label: 'Remaining', type: 'money', writable: false },
    { key: 'utilization', label: 'Utilization %', type: 'number', writable: false },
    { key: 'currency', label: 'Currency', type: 'string' },
    { key: 'updatedAt', label: 'Updated at', type: 'datetime', writable: false },
  ],
  events: ['budget.created', 'budget.updated'],
  operations: {
    find: (tenantId, id, opts) => findRecord(Budget, tenantId, id, opts),
    async create(tenantId, data, opts = {}) {
      const input = await createBudgetValidator.validate(data)
      return asRecord(await budgetService.create(tenantId, input, opts))
    },
    async update(tenantId, id, data, opts = {}) {
      const input = await updateBudgetValidator.validate(data)
      return asRecord(await budgetService.update(tenantId, requireRowId(id), input, opts))
    },
  },
})
