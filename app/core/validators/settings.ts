import vine from '@vinejs/vine'

export const themeValidator = vine.create({
  theme: vine.enum(['light', 'dark'] as const),
})

export const switchTenantValidator = vine.create({
  tenantId: vine.number().withoutDecimals().positive(),
})
