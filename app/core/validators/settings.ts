import vine from '@vinejs/vine'
import { ROLES } from '#core/roles'

/** IANA zones this runtime knows (Intl's list omits the plain 'UTC' alias). */
export const TIMEZONES = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])]

export const themeValidator = vine.create({
  theme: vine.enum(['light', 'dark'] as const),
})

export const switchTenantValidator = vine.create({
  tenantId: vine.number().withoutDecimals().positive(),
})

export const profileValidator = vine.create({
  fullName: vine.string().trim().minLength(1).maxLength(200).nullable(),
  timezone: vine.string().in(TIMEZONES),
})

export const addMemberValidator = vine.create({
  email: vine.string().trim().toLowerCase().email().maxLength(254),
  role: vine.enum(ROLES),
})

export const changeRoleValidator = vine.create({
  role: vine.enum(ROLES),
})

export const passwordValidator = vine.create({
  currentPassword: vine.string().minLength(1).maxLength(200),
  password: vine
    .string()
    .minLength(10)
    .maxLength(200)
    .confirmed({ confirmationField: 'passwordConfirmation' }),
})
