import vine from '@vinejs/vine'
import { LEAD_SOURCES, LEAD_STATUSES } from '#crm/models/lead'
import { currency, email, id, money, optionalText, percent, phone } from '#crm/validators/fields'

const fields = {
  company: optionalText(200),
  email: email(),
  phone: phone(),
  source: vine.enum(LEAD_SOURCES).optional(),
  score: percent().optional(),
  ownerId: id().nullable().optional(),
  notes: optionalText(5000),
}

export const createLeadValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(200),
  ...fields,
})

export const updateLeadValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(200).optional(),
  status: vine.enum(LEAD_STATUSES).optional(),
  lostReason: optionalText(500),
  ...fields,
})

export const convertLeadValidator = vine.create({
  /** Link to an existing account instead of creating one from the lead's company. */
  accountId: id().nullable().optional(),
  createDeal: vine.boolean().optional(),
  dealName: vine.string().trim().minLength(1).maxLength(200).optional(),
  amount: money().optional(),
  currency: currency().optional(),
})
