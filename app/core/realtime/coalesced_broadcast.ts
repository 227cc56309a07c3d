/**
 * Broadcasts that come in bursts — an execution's lifecycle (started, steps, finished within a few
 * milliseconds), hundreds of executions a second on one tenant channel — are coalesced per
 * channel: the messages sent within COALESCE_MS leave as ONE Transmit message `{ __batch: [...] }`,
 * one Redis publish instead of one each (at full load the publishes cost the worker about a
 * tenth of its CPU). The browser helper (inertia/core/use_transmit.ts) unpacks batches, so a
 * listener still sees one call per message, in order.
 */
import { broadcast, type Broadcastable } from '#core/realtime/broadcast'

/** Key of a batch envelope; inertia/core/use_transmit.ts unpacks it (same literal there). */
export const BATCH_KEY = '__batch'
const COALESCE_MS = 20
/** A channel this busy is flushed at once: messages stay small for the browser. */
const MAX_BATCH = 100

type Message = NonNullable<Broadcastable>

const pending = new Map<string, Message[]>()
let timer: NodeJS.Timeout | null = null

function flushChannel(channel: string) {
  const messages = pending.get(channel)
  pending.delete(channel)
  if (!messages || messages.length === 0) return
  broadcast(channel, messages.length === 1 ? messages[0] : { [BATCH_KEY]: messages })
}

/** Sends everything waiting now (a worker calls it before it exits). */
export function flushBroadcasts() {
  if (timer) clearTimeout(timer)
  timer = null
  for (const channel of [...pending.keys()]) flushChannel(channel)
}

/** Like `broadcast`, delivered within COALESCE_MS together with the channel's other messages. */
export function broadcastCoalesced(channel: string, payload: Message) {
  let messages = pending.get(channel)
  if (!messages) {
    messages = []
    pending.set(channel, messages)
  }
  messages.push(payload)
  if (messages.length >= MAX_BATCH) flushChannel(channel)
  if (!timer) {
    timer = setTimeout(flushBroadcasts, COALESCE_MS)
    // Pending messages never keep a finished process alive (broadcasts are fire-and-forget).
    timer.unref()
  }
}
