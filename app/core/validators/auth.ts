import vine from '@vinejs/vine'

export const loginValidator = vine.create({
  // Emails are stored lower-case (see User); compare the same way.
  email: vine.string().trim().toLowerCase().email().maxLength(254),
  password: vine.string().minLength(1).maxLength(200),
})
