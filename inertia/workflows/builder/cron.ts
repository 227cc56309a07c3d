/**
 * Cron preview for the schedule trigger form: a plain-English description of common patterns and
 * the next run times computed by croner (the same library the scheduler uses), in the trigger's
 * time zone.
 */
import { Cron } from 'croner'

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

function pad(n: string) {
  return n.padStart(2, '0')
}

function listOf(field: string, names?: string[], offset = 0): string | null {
  if (!/^[\d,-]+$/.test(field)) return null
  return field
    .split(',')
    .map((part) => {
      const [a, b] = part.split('-').map(Number)
      const name = (n: number) => (names ? names[(n - offset) % names.length] : String(n))
      return b === undefined ? name(a) : `${name(a)} to ${name(b)}`
    })
    .join(', ')
}

/** "At 09:00 on Monday to Friday", "Every 15 minutes", … (falls back to the expression). */
export function describeCron(expression: string): string {
  const parts = expression.trim().split(/\s+/)
  if (parts.length === 6) parts.shift()
  if (parts.length !== 5) return expression
  const [minute, hour, dom, month, dow] = parts
  let time: string
  if (minute === '*' && hour === '*') time = 'Every minute'
  else if (/^\*\/\d+$/.test(minute) && hour === '*') time = `Every ${minute.slice(2)} minutes`
  else if (/^\d+$/.test(minute) && hour === '*') time = `At minute ${minute} of every hour`
  else if (/^\d+$/.test(minute) && /^\*\/\d+$/.test(hour))
    time = `At minute ${minute} every ${hour.slice(2)} hours`
  else if (/^\d+$/.test(minute) && /^\d+$/.test(hour)) time = `At ${pad(hour)}:${pad(minute)}`
  else if (/^\d+$/.test(minute) && /^[\d,-]+$/.test(hour))
    time = `At minute ${minute} past hour ${listOf(hour)}`
  else return expression
  const bits = [time]
  if (dom !== '*' && dom !== '?') {
    const days = listOf(dom)
    if (!days) return expression
    bits.push(`on day ${days} of the month`)
  }
  if (month !== '*') {
    const months = listOf(month, MONTHS, 1)
    if (!months) return expression
    bits.push(`in ${months}`)
  }
  if (dow !== '*' && dow !== '?') {
    const days = listOf(dow.replace(/7/g, '0'), DAYS)
    if (!days) return expression
    bits.push(`on ${days}`)
  }
  return bits.join(' ')
}

export type CronPreview =
  { ok: true; description: string; nextRuns: Date[] } | { ok: false; error: string }

export function previewCron(
  expression: string,
  timezone?: string,
  count = 5,
  from?: Date
): CronPreview {
  if (!expression?.trim()) return { ok: false, error: 'Enter a cron expression' }
  try {
    const job = new Cron(expression.trim(), { timezone: timezone || undefined, paused: true })
    const nextRuns = job.nextRuns(count, from)
    job.stop()
    return { ok: true, description: describeCron(expression), nextRuns }
  } catch (error) {
    return { ok: false, error: (error as Error).message }
  }
}
