import vine from '@vinejs/vine'
import { PAYMENT_METHODS } from '#payments/models/payment'
import { currencyField, dateField, idField } from '#finance/support/fields'

export const recordPaymentValidator = vine.create({
  invoiceId: idField(),
  amount: vine.number().withoutDecimals().positive().max(1e13),
  currency: currencyField().optional(),
  method: vine.enum(PAYMENT_METHODS).optional(),
  paidOn: dateField().optional(),
  reference: vine.string().trim().maxLength(120).nullable().optional(),
})

/** Only the details of a payment can be corrected; its amount and invoice stay. */
export const updatePaymentValidator = vine.create({
  method: vine.enum(PAYMENT_METHODS).optional(),
  paidOn: dateField().optional(),
  reference: vine.string().trim().maxLength(120).nullable().optional(),
})
