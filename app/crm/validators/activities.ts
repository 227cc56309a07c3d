import vine from '@vinejs/vine'
import { ACTIVITY_TYPES } from '#crm/models/activity'
import { id, isoDateTime, optionalText } from '#crm/validators/fields'

const links = {
  accountId: id().nullable().optional(),
  contactId: id().nullable().optional(),
  leadId: id().nullable().optional(),
  dealId: id().nullable().optional(),
}

export const createActivityValidator = vine.create({
  type: vine.enum(ACTIVITY_TYPES),
  subject: vine.string().trim().minLength(1).maxLength(200),
  notes: optionalText(5000),
  dueAt: isoDateTime().nullable().optional(),
  done: vine.boolean().optional(),
  ownerId: id().nullable().optional(),
  ...links,
})

export const updateActivityValidator = vine.create({
  type: vine.enum(ACTIVITY_TYPES).optional(),
  subject: vine.string().trim().minLength(1).maxLength(200).optional(),
  notes: optionalText(5000),
  dueAt: isoDateTime().nullable().optional(),
  done: vine.boolean().optional(),
  ownerId: id().nullable().optional(),
  ...links,
})
