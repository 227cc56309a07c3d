import transmit from '@adonisjs/transmit/services/main'

/** Any JSON-serializable value Transmit can carry. */
export type Broadcastable = Parameters<typeof transmit.broadcast>[1]

/**
 * Sends `payload` to every subscriber of `channel`, on every web process (the Redis transport fans
 * it out), so workers and web processes can both call it.
 */
export function broadcast(channel: string, payload: Broadcastable) {
  transmit.broadcast(channel, payload)
}
