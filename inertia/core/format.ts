/*
 * Display formatting shared by pages: dates in the signed-in user's time zone, money from integer
 * minor units. Pass the zone from `useShared().user.value?.timezone`.
 */
export function formatDateTime(iso: string | null | undefined, timeZone = 'UTC') {
  if (!iso) return ''
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso))
}

export function formatDate(iso: string | null | undefined, timeZone = 'UTC') {
  if (!iso) return ''
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone }).format(new Date(iso))
}

/** 123456 + 'EUR' → "€1,234.56" (minor units as stored; currencies without cents handled). */
export function formatMoney(minor: number, currency: string) {
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency })
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2
  return format.format(minor / 10 ** digits)
}

/** 'timed_out' → "Timed out" (status and kind values as labels). */
export function humanize(value: string | null | undefined): string {
  if (!value) return '—'
  const text = value.replaceAll('_', ' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}
