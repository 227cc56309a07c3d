/**
 * Display helpers shared by the host-module pages (invoices, payments, projects, finance,
 * inventory, documents). Money travels as integer minor units; forms edit major units.
 */

/** Decimal places of a currency's minor unit (JPY 0, USD 2, KWD 3). */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    )
  } catch {
    return 2
  }
}

export function formatMoney(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '—'
  const digits = minorDigits(currency)
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(
      minor / 10 ** digits
    )
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`
  }
}

export function toMajor(minor: number | null | undefined, currency: string): number | null {
  if (minor === null || minor === undefined) return null
  return minor / 10 ** minorDigits(currency)
}

export function toMinor(major: number | null | undefined, currency: string): number | null {
  if (major === null || major === undefined) return null
  return Math.round(major * 10 ** minorDigits(currency))
}

/** A calendar date ('2026-03-01') in the reader's locale; dates carry no time zone. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number)
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day))
  )
}

/** A timestamp in the user's time zone. */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—'
  try {
    return new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    }).format(new Date(iso))
  } catch {
    return new Date(iso).toLocaleString()
  }
}

/** A JS Date for a date picker from '2026-03-01' (local midnight, so the picker shows that day). */
export function dateFromIso(iso: string | null | undefined): Date | null {
  if (!iso) return null
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number)
  return new Date(year, month - 1, day)
}

/** '2026-03-01' from a date picker's Date (its local calendar day). */
export function isoFromDate(date: Date | null | undefined): string | null {
  if (!date) return null
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

export { humanize } from '~/core/format'

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`
}

type Severity = 'secondary' | 'info' | 'success' | 'warn' | 'danger' | 'contrast'

const SEVERITIES: Record<string, Severity> = {
  draft: 'secondary',
  sent: 'info',
  partially_paid: 'warn',
  paid: 'success',
  overdue: 'danger',
  void: 'contrast',
  submitted: 'info',
  approved: 'success',
  rejected: 'danger',
  planned: 'secondary',
  active: 'info',
  on_hold: 'warn',
  completed: 'success',
  cancelled: 'contrast',
}

export function statusSeverity(status: string): Severity {
  return SEVERITIES[status] ?? 'secondary'
}
