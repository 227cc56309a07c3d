/**
 * Outbox relay: re-dispatches `domain_events` rows that are still undispatched some seconds after
 * they occurred (the process died between commit and dispatch, or a listener failed).
 *
 * Several processes may run a relay: each run leases a batch with
 * `UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED)` (pushing `next_attempt_at` forward),
 * so two relays never pick the same rows at once; the per-listener claim in the dispatcher makes a
 * double dispatch harmless anyway. Rows that stay incomplete back off exponentially.
 *
 * Who runs it: the web server and worker processes (see `providers/outbox_relay_provider.ts`, which
 * starts `outboxRelay` when the app environment is 'web'; console processes such as workers call
 * `outboxRelay.start()` themselves). Tests never get a running relay unless they create one.
 */
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { dispatchStoredEvents, rowToStoredEvent } from '#core/events/dispatcher'

export interface OutboxRelayOptions {
  /** Pause between runs. */
  intervalMs?: number
  /** Rows younger than this are left to the after-commit dispatch. */
  minAgeMs?: number
  /** Rows per run (a run loops while full batches come back). */
  batchSize?: number
  /** How long a leased batch stays invisible to other relays. */
  leaseSeconds?: number
}

export class OutboxRelay {
  readonly intervalMs: number
  readonly minAgeMs: number
  readonly batchSize: number
  readonly leaseSeconds: number
  #timer: NodeJS.Timeout | null = null
  #running: Promise<number> | null = null
  #stopped = true

  constructor(options: OutboxRelayOptions = {}) {
    this.intervalMs = options.intervalMs ?? 3000
    this.minAgeMs = options.minAgeMs ?? 5000
    this.batchSize = options.batchSize ?? 100
    this.leaseSeconds = options.leaseSeconds ?? 60
  }

  get isRunning() {
    return !this.#stopped
  }

  /** Runs once right away (boot recovery), then every `intervalMs` until `stop()`. */
  start() {
    if (!this.#stopped) return
    this.#stopped = false
    const tick = async () => {
      if (this.#stopped) return
      try {
        await this.runOnce()
      } catch (error) {
        logger.error({ err: error }, 'outbox relay run failed')
      }
      if (!this.#stopped) this.#timer = setTimeout(tick, this.intervalMs)
    }
    void tick()
  }

  /** Stops the timer and waits for a run in progress. */
  async stop() {
    this.#stopped = true
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    if (this.#running) await this.#running.catch(() => {})
  }

  /** One relay pass; returns how many events it dispatched completely. */
  runOnce(): Promise<number> {
    if (!this.#running) {
      this.#running = this.#pass().finally(() => {
        this.#running = null
      })
    }
    return this.#running
  }

  async #pass(): Promise<number> {
    let completed = 0
    for (;;) {
      const rows = await this.#lease()
      // One dispatch batch per leased batch (two bookkeeping statements, batch listeners once).
      const done = await dispatchStoredEvents(rows.map(rowToStoredEvent))
      for (const [index, row] of rows.entries()) {
        if (done[index]) completed++
        else await this.#backOff(row.id, row.relay_attempts)
      }
      if (rows.length < this.batchSize) return completed
    }
  }

  async #lease(): Promise<Record<string, any>[]> {
    const result = await db.rawQuery(
      `UPDATE domain_events
          SET next_attempt_at = now() + make_interval(secs => ?), relay_attempts = relay_attempts + 1
        WHERE id IN (
          SELECT id FROM domain_events
           WHERE dispatched_at IS NULL
             AND next_attempt_at <= now()
             AND occurred_at <= now() - make_interval(secs => ?)
           ORDER BY occurred_at
           LIMIT ?
           FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [this.leaseSeconds, this.minAgeMs / 1000, this.batchSize]
    )
    return [...result.rows].sort(
      (a, b) => new Date(a.occurred_at).getTime() - new Date(b.occurred_at).getTime()
    )
  }

  /** 2, 4, 8 ... seconds, capped at 10 minutes. */
  async #backOff(id: string, attempts: number) {
    const seconds = Math.min(600, 2 ** Math.max(1, attempts))
    await db
      .from('domain_events')
      .where('id', id)
      .whereNull('dispatched_at')
      .update({ next_attempt_at: db.raw('now() + make_interval(secs => ?)', [seconds]) })
  }
}

/** The process-wide relay started by the web server and workers. */
export const outboxRelay = new OutboxRelay()
