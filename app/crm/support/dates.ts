import { DateTime } from 'luxon'

export type DateInput = Date | string | DateTime

/** A calendar date (no time): 'YYYY-MM-DD' strings and Dates parsed by VineJS alike. */
export function toCalendarDate(value: DateInput | null | undefined): DateTime | null | undefined {
  if (value === null || value === undefined) return value
  if (DateTime.isDateTime(value)) return value.startOf('day')
  if (value instanceof Date) {
    // VineJS parses 'YYYY-MM-DD' at local midnight; keep that calendar day.
    return DateTime.fromObject({
      year: value.getFullYear(),
      month: value.getMonth() + 1,
      day: value.getDate(),
    })
  }
  const parsed = DateTime.fromISO(value)
  if (!parsed.isValid) throw new TypeError(`Invalid date "${value}"`)
  return parsed.startOf('day')
}

/** An instant (timestamptz). */
export function toInstant(value: DateInput | null | undefined): DateTime | null | undefined {
  if (value === null || value === undefined) return value
  if (DateTime.isDateTime(value)) return value
  if (value instanceof Date) return DateTime.fromJSDate(value)
  const parsed = DateTime.fromISO(value, { setZone: true })
  if (!parsed.isValid) throw new TypeError(`Invalid date-time "${value}"`)
  return parsed
}
