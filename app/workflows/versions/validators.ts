import vine from '@vinejs/vine'

const versionNumber = vine.number().withoutDecimals().min(1)

export const diffQueryValidator = vine.create({
  from: versionNumber.optional(),
  to: versionNumber.optional(),
})
