import vine from '@vinejs/vine'
import { DEAL_STATUSES } from '#crm/models/deal'
import { currency, id, isoDate, money } from '#crm/validators/fields'

const fields = {
  accountId: id().nullable().optional(),
  contactId: id().nullable().optional(),
  amount: money().optional(),
  currency: currency().optional(),
  ownerId: id().nullable().optional(),
  expectedCloseDate: isoDate().nullable().optional(),
}

export const createDealValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(200),
  stageId: id().optional(),
  ...fields,
})

/**
 * Update accepts a stage or status change too (the entity registry and the board use it); the
 * service routes those to the move / win / lose transitions so their rules and events apply.
 */
export const updateDealValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(200).optional(),
  stageId: id().optional(),
  status: vine.enum(DEAL_STATUSES).optional(),
  lostReason: vine.string().trim().minLength(1).maxLength(500).optional(),
  ...fields,
})

export const moveDealValidator = vine.create({ stageId: id() })

export const loseDealValidator = vine.create({
  reason: vine.string().trim().minLength(1).maxLength(500),
})
