import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** A calendar date as the services accept it: luxon, JS Date (VineJS) or ISO string. */
export type DateInput = DateTime | Date | string

/** Normalizes to a luxon date at midnight UTC (date columns carry no time zone). */
export function toDate(value: DateInput): DateTime {
  // VineJS hands dates over as local midnight of the calendar day: read its local components.
  const parsed =
    value instanceof DateTime
      ? value
      : value instanceof Date
        ? DateTime.fromObject({
            year: value.getFullYear(),
            month: value.getMonth() + 1,
            day: value.getDate(),
          })
        : DateTime.fromISO(value, { zone: 'utc' })
  if (!parsed.isValid) throw new TypeError(`Invalid date: ${String(value)}`)
  return DateTime.fromObject(
    { year: parsed.year, month: parsed.month, day: parsed.day },
    { zone: 'utc' }
  )
}

/** Today's calendar date in a time zone (a tenant's), e.g. for "is this invoice overdue yet". */
export function todayIn(timezone: string, now: DateTime = DateTime.now()): DateTime {
  return toDate(now.setZone(timezone).toISODate() ?? now.toISODate()!)
}

/** Today's date for a tenant (read inside the caller's transaction). */
export async function tenantToday(trx: TransactionClientContract, tenantId: number) {
  const tenant = await trx.from('tenants').where('id', tenantId).select('timezone').firstOrFail()
  return todayIn(tenant.timezone as string)
}

/** For partial updates: undefined stays undefined (untouched), null clears, a value is a date. */
export function optionalDate(value: DateInput | null | undefined) {
  return value === undefined ? undefined : value === null ? null : toDate(value)
}
