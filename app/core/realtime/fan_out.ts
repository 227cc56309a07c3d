/**
 * Realtime fan-out between processes. A browser's EventSource lives in one web process, while
 * the messages for it come from anywhere (web requests, workers, the scheduler). Every process
 * batches what it broadcast during FLUSH_MS into ONE Redis publish; only processes that serve
 * EventSources (web, test) subscribe and deliver the messages to their local subscribers.
 *
 * Why not Transmit's own Redis transport: it publishes once per message and makes every process,
 * workers included, receive and decode every other process's messages. Under load that was a
 * tenth of a worker's CPU (bench/RESULTS.md).
 */
import { randomUUID } from 'node:crypto'
import redis from '@adonisjs/redis/services/main'
import transmit from '@adonisjs/transmit/services/main'
import env from '#start/env'

export type Message = NonNullable<Parameters<typeof transmit.broadcast>[1]>

interface Envelope {
  from: string
  messages: Array<{ channel: string; payload: Message }>
}

const FLUSH_MS = 20
/** Redis pub/sub ignores database numbers: the channel names the database to keep apps apart. */
export const FAN_OUT_CHANNEL = `realtime:${env.get('REDIS_DB', 0)}:messages`
/** Messages this process published come back to it; it has delivered them already. */
const PROCESS_ID = randomUUID()

let pending: Envelope['messages'] = []
let timer: NodeJS.Timeout | null = null
let listening = false

/** Delivers to the EventSources of this process only. */
export function deliverLocally(channel: string, payload: Message) {
  transmit.broadcastExcept(channel, payload, [])
}

/** Publishes everything batched so far (a stopping process calls it before it exits). */
export function flushFanOut() {
  if (timer) clearTimeout(timer)
  timer = null
  if (pending.length === 0) return
  const envelope: Envelope = { from: PROCESS_ID, messages: pending }
  pending = []
  redis.publish(FAN_OUT_CHANNEL, JSON.stringify(envelope)).catch(() => {
    // Fire-and-forget: a page that misses a message reloads from the API.
  })
}

/** Queues a message for the other processes; it leaves with the next batch. */
export function fanOut(channel: string, payload: Message) {
  pending.push({ channel, payload })
  if (!timer) {
    timer = setTimeout(flushFanOut, FLUSH_MS)
    // Pending messages never keep a finished process alive.
    timer.unref()
  }
}

function receive(raw: string) {
  let envelope: Envelope
  try {
    envelope = JSON.parse(raw) as Envelope
  } catch {
    return
  }
  if (envelope.from === PROCESS_ID || !Array.isArray(envelope.messages)) return
  for (const { channel, payload } of envelope.messages) deliverLocally(channel, payload)
}

/** Web processes: deliver what other processes broadcast. Resolves once subscribed. */
export function listenToOtherProcesses(): Promise<void> {
  if (listening) return Promise.resolve()
  listening = true
  return new Promise((resolve, reject) => {
    redis.connection().subscribe(FAN_OUT_CHANNEL, receive, {
      onSubscription: () => resolve(),
      onError: (error: unknown) => reject(error),
    })
  })
}

export async function stopListening() {
  if (!listening) return
  listening = false
  await redis.connection().unsubscribe(FAN_OUT_CHANNEL)
}
