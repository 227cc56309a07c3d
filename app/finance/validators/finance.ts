import vine from '@vinejs/vine'
import { EXPENSE_CATEGORIES } from '#finance/models/expense'
import { currencyField, dateField, idField, moneyField } from '#finance/support/fields'

const category = () => vine.enum(EXPENSE_CATEGORIES)

export const submitExpenseValidator = vine.create({
  description: vine.string().trim().minLength(1).maxLength(500),
  category: category(),
  amount: vine.number().withoutDecimals().positive().max(1e13),
  currency: currencyField().optional(),
  spentOn: dateField().optional(),
  submitterId: idField().nullable().optional(),
})

export const updateExpenseValidator = vine.create({
  description: vine.string().trim().minLength(1).maxLength(500).optional(),
  category: category().optional(),
  amount: vine.number().withoutDecimals().positive().max(1e13).optional(),
  currency: currencyField().optional(),
  spentOn: dateField().optional(),
  submitterId: idField().nullable().optional(),
})

export const rejectExpenseValidator = vine.create({
  reason: vine.string().trim().minLength(1).maxLength(500),
})

export const createBudgetValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(200),
  category: category(),
  periodStart: dateField(),
  periodEnd: dateField().afterOrSameAs('periodStart'),
  limitAmount: moneyField().positive(),
  currency: currencyField().optional(),
})

export const updateBudgetValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(200).optional(),
  category: category().optional(),
  periodStart: dateField().optional(),
  periodEnd: dateField().optional(),
  limitAmount: moneyField().positive().optional(),
  currency: currencyField().optional(),
})
