/*
 * How values show on every page, and the conversions forms need. Money travels as integer minor
 * units of its currency (forms edit major units); calendar dates as 'YYYY-MM-DD' (no time zone);
 * instants as ISO strings, shown in the signed-in user's time zone
 * (`useShared().user.value?.timezone`). Missing values show as '—'.
 */

/** Decimal places of a currency's minor unit (JPY 0, USD 2, KWD 3); 2 for an unknown code. */
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

/** 123456 + 'EUR' → "€1,234.56" in the reader's locale. */
export function formatMoney(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '—'
  const digits = minorDigits(currency)
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(
      minor / 10 ** digits
    )
  } catch {
    // A currency code still being typed in a form.
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`
  }
}

/** Minor units (as stored) → the major units a form edits. */
export function toMajor(minor: number | null | undefined, currency: string): number | null {
  if (minor === null || minor === undefined) return null
  return minor / 10 ** minorDigits(currency)
}

/** A form's major units → minor units for the API. */
export function toMinor(major: number | null | undefined, currency: string): number | null {
  if (major === null || major === undefined) return null
  return Math.round(major * 10 ** minorDigits(currency))
}

/** A calendar date ('2026-03-01') in the reader's locale; it is the same day everywhere. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number)
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day))
  )
}

/** The day an instant falls on in `timeZone` (e.g. "member since"). */
export function formatInstantDate(iso: string | null | undefined, timeZone = 'UTC'): string {
  if (!iso) return '—'
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone }).format(new Date(iso))
}

/** An instant with its time in `timeZone` (the user's; the browser's when not set). */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—'
  try {
    return new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: timeZone || undefined,
    }).format(new Date(iso))
  } catch {
    // An unknown zone name: the browser's zone rather than nothing.
    return new Date(iso).toLocaleString()
  }
}

/** A date picker's Date from '2026-03-01' (local midnight, so the picker shows that day). */
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

/** 'timed_out' → "Timed out" (status and kind values as labels). */
export function humanize(value: string | null | undefined): string {
  if (!value) return '—'
  const text = value.replaceAll('_', ' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`
}
