/**
 * Durations as people type them: '30s', '5m', '1h30m', '2d', '1w', ISO 8601 ('PT15M', 'P1D') or a
 * number of seconds. Used by the delay node and the builder's duration widget.
 */
import { Duration } from 'luxon'

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
}

/** Milliseconds, or null when the text is not a positive duration. */
export function parseDuration(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : null
  if (typeof value !== 'string') return null
  const text = value.trim().toLowerCase()
  if (!text) return null
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000
  if (text.startsWith('p')) {
    const iso = Duration.fromISO(value.trim().toUpperCase())
    return iso.isValid ? iso.toMillis() : null
  }
  const pattern = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)/g
  let total = 0
  let consumed = ''
  for (const match of text.matchAll(pattern)) {
    total += Number(match[1]) * UNIT_MS[match[2]]
    consumed += match[0]
  }
  return consumed.replace(/\s/g, '') === text.replace(/\s/g, '') && consumed ? total : null
}

/** 5400000 → '1h 30m'. */
export function formatDuration(ms: number): string {
  const parts: string[] = []
  let rest = Math.round(ms)
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    const count = Math.floor(rest / size)
    if (count) parts.push(`${count}${unit}`)
    rest -= count * size
  }
  return parts.join(' ') || '0s'
}
