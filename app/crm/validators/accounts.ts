import vine from '@vinejs/vine'
import { email, id, optionalText, percent, phone } from '#crm/validators/fields'

const fields = {
  industry: optionalText(100),
  website: vine.string().trim().url().maxLength(300).nullable().optional(),
  email: email(),
  phone: phone(),
  healthScore: percent().optional(),
  ownerId: id().nullable().optional(),
  notes: optionalText(5000),
}

export const createAccountValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(200),
  ...fields,
})

export const updateAccountValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(200).optional(),
  ...fields,
})
