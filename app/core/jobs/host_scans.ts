/**
 * The host modules' periodic scans (overdue invoices, expiring contracts/documents, expired quotes),
 * run by the scheduler process (`node ace workflow:schedule`) so a deployment needs no system cron.
 *
 * Each scan is idempotent and uses the tenant's time zone, so running it hourly keeps "daily"
 * semantics without waiting up to a day after a deploy. With several schedulers, each planned tick
 * runs once: the first process to `SET NX` (scan, tick) in Redis runs it.
 */
import { Cron } from 'croner'
import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'

export interface HostScan {
  name: string
  run: () => Promise<unknown>
}

export const HOST_SCANS: HostScan[] = [
  {
    name: 'invoicing:mark-overdue',
    run: async () => {
      const { markOverdueInvoices } = await import('#invoicing/jobs/mark_overdue')
      return markOverdueInvoices()
    },
  },
  {
    name: 'documents:scan-expiring',
    run: async () => {
      const { scanExpiring } = await import('#documents/jobs/scan_expiring')
      return scanExpiring()
    },
  },
  {
    name: 'crm:expire-quotes',
    run: async () => {
      const { expireQuotes } = await import('#crm/jobs/expire_quotes')
      return expireQuotes()
    },
  },
]

/** Minute 7 of every hour: away from the top of the hour, where workflow schedules cluster. */
export const HOST_SCAN_CRON = '7 * * * *'

const CLAIM_TTL_SECONDS = 24 * 3600

/** Runs `scan` for the planned `tick` unless another scheduler already did; true when it ran. */
export async function runHostScan(scan: HostScan, tick: Date): Promise<boolean> {
  const claimed = await redis.set(
    `host-scans:${scan.name}:${tick.toISOString()}`,
    '1',
    'EX',
    CLAIM_TTL_SECONDS,
    'NX'
  )
  if (claimed !== 'OK') return false
  try {
    const result = await scan.run()
    logger.info({ scan: scan.name, result }, 'host scan finished')
  } catch (error) {
    // The next tick retries; one failing scan must not stop the others or the scheduler.
    logger.error({ err: error, scan: scan.name }, 'host scan failed')
  }
  return true
}

/** Ticks every host scan on HOST_SCAN_CRON until stopped. */
export function startHostScans(): () => void {
  const job = new Cron(HOST_SCAN_CRON, { protect: true }, async (self: Cron) => {
    // The planned time (identical in every scheduler), not the moment this callback runs.
    const tick = self.currentRun() ?? new Date()
    for (const scan of HOST_SCANS) await runHostScan(scan, tick)
  })
  return () => job.stop()
}
