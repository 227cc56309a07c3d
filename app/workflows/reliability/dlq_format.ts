/** Text helpers for the workflow:dlq:* commands (tables that fit a terminal, a progress bar). */
import { parseDuration } from '#workflows/engine/duration'

export function truncate(text: string, max: number) {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** "3m", "2h", "5d" ago. */
export function age(date: Date, now = Date.now()) {
  const seconds = Math.max(0, Math.round((now - date.getTime()) / 1000))
  if (seconds < 60) return `${seconds}s`
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`
  return `${Math.floor(seconds / 86_400)}d`
}

export function progressBar(done: number, total: number, width = 24) {
  const ratio = total === 0 ? 1 : done / total
  const filled = Math.round(ratio * width)
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${Math.round(ratio * 100)}%`
}

/**
 * `--since` / `--older-than`: a duration back from now ("7d", "12h", "30m") or an ISO date.
 * Returns null when it is neither.
 */
export function pointInTime(value: string, now = Date.now()): Date | null {
  const trimmed = value.trim()
  const ms = parseDuration(trimmed)
  if (ms !== null && ms > 0) return new Date(now - ms)
  if (/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
    const date = new Date(trimmed)
    return Number.isNaN(date.getTime()) ? null : date
  }
  return null
}
