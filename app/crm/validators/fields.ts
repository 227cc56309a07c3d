import vine from '@vinejs/vine'

/** Reusable VineJS fields of the CRM forms (also used by the entity registry operations). */
export const id = () => vine.number().withoutDecimals().positive()
export const optionalText = (max: number) =>
  vine.string().trim().maxLength(max).nullable().optional()
export const email = () => vine.string().trim().email().maxLength(254).nullable().optional()
export const phone = () =>
  vine
    .string()
    .trim()
    .maxLength(50)
    .regex(/^[+()\d\s.-]*$/)
    .nullable()
    .optional()
export const percent = () => vine.number().withoutDecimals().range([0, 100])
/** Integer minor units (cents). */
export const money = () => vine.number().withoutDecimals().min(0).max(1e13)
export const currency = () =>
  vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/)
export const isoDate = () => vine.date({ formats: ['YYYY-MM-DD'] })
export const isoDateTime = () =>
  vine.date({ formats: ['iso8601', 'YYYY-MM-DD HH:mm', 'YYYY-MM-DD'] })
/** Idempotency keys are set by automations through the registry, never by forms. */
export const pagination = vine.create({
  page: vine.number().withoutDecimals().min(1).optional(),
  perPage: vine.number().withoutDecimals().range([5, 100]).optional(),
  search: vine.string().trim().maxLength(100).optional(),
  status: vine.string().trim().maxLength(30).optional(),
  sortField: vine.string().trim().maxLength(40).optional(),
  sortOrder: vine.enum(['asc', 'desc'] as const).optional(),
})
