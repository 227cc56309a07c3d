import vine from '@vinejs/vine'
import { currencyField, dateField, idField, moneyField } from '#finance/support/fields'

const line = vine.object({
  description: vine.string().trim().minLength(1).maxLength(500),
  quantity: vine.number().positive().max(1e9),
  unitPrice: moneyField(),
  taxRateBps: vine.number().withoutDecimals().range([0, 10_000]).optional(),
})

export const createInvoiceValidator = vine.create({
  accountId: idField(),
  number: vine.string().trim().maxLength(40).optional(),
  currency: currencyField().optional(),
  issueDate: dateField().optional(),
  dueDate: dateField().afterOrSameAs('issueDate').optional(),
  notes: vine.string().trim().maxLength(5000).nullable().optional(),
  lines: vine.array(line).minLength(1).maxLength(200),
})

export const updateInvoiceValidator = vine.create({
  accountId: idField().optional(),
  number: vine.string().trim().minLength(1).maxLength(40).optional(),
  currency: currencyField().optional(),
  issueDate: dateField().optional(),
  dueDate: dateField().optional(),
  notes: vine.string().trim().maxLength(5000).nullable().optional(),
  lines: vine.array(line).minLength(1).maxLength(200).optional(),
})
