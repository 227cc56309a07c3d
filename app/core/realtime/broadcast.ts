import { deliverLocally, fanOut, type Message } from '#core/realtime/fan_out'

/** Any JSON-serializable value Transmit can carry. */
export type Broadcastable = Message

/**
 * Sends `payload` to every subscriber of `channel`: at once to this process's EventSources, and
 * within a few milliseconds to every other web process (core/realtime/fan_out.ts), so workers and
 * web processes can both call it.
 */
export function broadcast(channel: string, payload: Broadcastable) {
  deliverLocally(channel, payload)
  fanOut(channel, payload)
}
