import vine from '@vinejs/vine'
import { QUOTE_STATUSES } from '#crm/models/quote'
import { currency, id, isoDate, money, optionalText } from '#crm/validators/fields'

const line = vine.object({
  description: vine.string().trim().minLength(1).maxLength(300),
  quantity: vine.number().withoutDecimals().range([1, 1_000_000]),
  unitPrice: money(),
  taxRateBp: vine.number().withoutDecimals().range([0, 10_000]).optional(),
})

const fields = {
  dealId: id().nullable().optional(),
  accountId: id().nullable().optional(),
  currency: currency().optional(),
  validUntil: isoDate().nullable().optional(),
  notes: optionalText(5000),
}

export const createQuoteValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(200),
  lines: vine.array(line).maxLength(200).optional(),
  ...fields,
})

export const updateQuoteValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(200).optional(),
  lines: vine.array(line).maxLength(200).optional(),
  /** Status changes are routed to send / accept / decline / expire. */
  status: vine.enum(QUOTE_STATUSES).optional(),
  declineReason: optionalText(500),
  ...fields,
})

export const declineQuoteValidator = vine.create({ reason: optionalText(500) })
