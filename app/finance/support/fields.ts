import vine from '@vinejs/vine'

/**
 * VineJS field builders shared by the host modules' validators, so every form and the entity
 * registry accept the same shapes: dates as YYYY-MM-DD (or full ISO 8601), money as integer minor
 * units, currencies as ISO 4217 codes, ids as positive integers.
 */
export const dateField = () => vine.date({ formats: ['YYYY-MM-DD', 'iso8601'] })
export const moneyField = () => vine.number().withoutDecimals().min(0).max(1e13)
export const currencyField = () =>
  vine
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/)
    .toUpperCase()
export const idField = () => vine.number().withoutDecimals().positive()

/** Query string of list pages: ?page=2&perPage=25&search=acme&status=overdue&sort=dueDate&order=desc */
export const listQueryValidator = vine.create({
  page: vine.number().withoutDecimals().min(1).optional(),
  perPage: vine.number().withoutDecimals().range([5, 100]).optional(),
  search: vine.string().trim().maxLength(120).optional(),
  status: vine.string().trim().maxLength(40).optional(),
  sort: vine.string().trim().maxLength(40).optional(),
  order: vine.enum(['asc', 'desc'] as const).optional(),
})
