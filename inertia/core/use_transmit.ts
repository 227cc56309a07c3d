import { onBeforeUnmount, watch, isRef, type Ref } from 'vue'
import { Transmit } from '@adonisjs/transmit-client'

/**
 * One EventSource per browser tab, shared by every component that listens: each channel is a
 * subscription on the same Transmit client. Created lazily on first use.
 */
let client: Transmit | null = null

/** Shield's XSRF cookie: Transmit's subscribe/unsubscribe are POSTs behind CSRF protection. */
function xsrfToken(): string | null {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/)
  return match ? decodeURIComponent(match[1]) : null
}

function withCsrf(request: Request) {
  const token = xsrfToken()
  if (token) request.headers.set('X-XSRF-TOKEN', token)
}

export function transmitClient(): Transmit {
  if (!client) {
    client = new Transmit({
      baseUrl: window.location.origin,
      beforeSubscribe: withCsrf,
      beforeUnsubscribe: withCsrf,
    })
  }
  return client
}

/**
 * Calls `onMessage` for every message broadcast on `channel` while the calling component is
 * mounted. `channel` may be a ref (e.g. an execution id that changes): the subscription follows
 * it. Returns a function that stops listening early.
 */
export function useTransmitChannel<T = unknown>(
  channel: string | Ref<string | null | undefined>,
  onMessage: (message: T) => void
): () => void {
  let stop: (() => void) | null = null

  const listen = (name: string | null | undefined) => {
    stop?.()
    stop = null
    if (!name) return
    const subscription = transmitClient().subscription(name)
    const removeHandler = subscription.onMessage<T>(onMessage)
    void subscription.create()
    stop = () => {
      removeHandler()
      // Other components may still listen on the same channel.
      if (subscription.handlerCount === 0) void subscription.delete()
    }
  }

  const unwatch = isRef(channel)
    ? watch(channel, (name) => listen(name), { immediate: true })
    : (listen(channel), () => {})

  const dispose = () => {
    unwatch()
    stop?.()
    stop = null
  }
  onBeforeUnmount(dispose)
  return dispose
}
