/** Display helpers for CRM pages: money in minor units, dates in the user's time zone. */

export function formatMoney(minor: number | null | undefined, currency = 'USD') {
  if (minor === null || minor === undefined) return '—'
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 100)
}

/** A calendar date ('2026-12-01') shown as is: it has no time zone. */
export function formatDate(value: string | null | undefined) {
  if (!value) return '—'
  const [year, month, day] = value.slice(0, 10).split('-').map(Number)
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day))
  )
}

/** An instant shown in `timeZone` (the user's). */
export function formatDateTime(value: string | null | undefined, timeZone?: string) {
  if (!value) return '—'
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: timeZone || undefined,
  }).format(new Date(value))
}

/** Date → 'YYYY-MM-DD' of the calendar day the user picked (DatePicker gives local midnight). */
export function toIsoDate(value: Date | null | undefined): string | null {
  if (!value) return null
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`
}

/** 'YYYY-MM-DD' → Date at local midnight, for DatePicker. */
export function fromIsoDate(value: string | null | undefined): Date | null {
  if (!value) return null
  const [year, month, day] = value.slice(0, 10).split('-').map(Number)
  return new Date(year, month - 1, day)
}

export function toMinor(major: number | null | undefined): number {
  return Math.round((major ?? 0) * 100)
}

export function toMajor(minor: number | null | undefined): number {
  return (minor ?? 0) / 100
}

const SEVERITY: Record<string, string> = {
  new: 'info',
  qualified: 'success',
  converted: 'contrast',
  lost: 'danger',
  open: 'info',
  won: 'success',
  draft: 'secondary',
  sent: 'info',
  accepted: 'success',
  declined: 'danger',
  expired: 'warn',
}

export function statusSeverity(status: string) {
  return SEVERITY[status] ?? 'secondary'
}

export function humanize(value: string) {
  return value.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())
}
