import vine from '@vinejs/vine'
import { email, id, optionalText, phone } from '#crm/validators/fields'

const fields = {
  lastName: optionalText(100),
  accountId: id().nullable().optional(),
  email: email(),
  phone: phone(),
  title: optionalText(120),
  ownerId: id().nullable().optional(),
}

export const createContactValidator = vine.create({
  firstName: vine.string().trim().minLength(1).maxLength(100),
  ...fields,
})

export const updateContactValidator = vine.create({
  firstName: vine.string().trim().minLength(1).maxLength(100).optional(),
  ...fields,
})
