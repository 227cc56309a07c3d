import vine from '@vinejs/vine'

export const decisionValidator = vine.create({
  decision: vine.enum(['approved', 'rejected', 'delegated'] as const),
  comment: vine.string().trim().maxLength(2000).optional(),
  formData: vine.record(vine.any()).optional(),
  delegateUserId: vine.number().positive().withoutDecimals().optional(),
})

export const bulkDecisionValidator = vine.create({
  ids: vine.array(vine.number().positive().withoutDecimals()).minLength(1).maxLength(100),
  decision: vine.enum(['approved', 'rejected'] as const),
  comment: vine.string().trim().maxLength(2000).optional(),
})

export const historyValidator = vine.create({
  beforeId: vine.number().positive().withoutDecimals().optional(),
})

export const linkDecisionValidator = vine.create({
  comment: vine.string().trim().maxLength(2000).optional(),
})
