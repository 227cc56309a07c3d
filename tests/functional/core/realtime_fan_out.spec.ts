import { test } from '@japa/runner'
import redis from '@adonisjs/redis/services/main'
import transmit from '@adonisjs/transmit/services/main'
import { broadcast } from '#core/realtime/broadcast'
import { FAN_OUT_CHANNEL, flushFanOut } from '#core/realtime/fan_out'
import { eventually } from '#tests/helpers/workflows'

type Delivered = Array<{ channel: string; payload: unknown }>

/** Records what this process hands to its own EventSources. */
function spyLocalDelivery(cleanup: (fn: () => void) => void): Delivered {
  const delivered: Delivered = []
  const original = transmit.broadcastExcept.bind(transmit)
  transmit.broadcastExcept = ((channel: string, payload: any, except: string | string[]) => {
    delivered.push({ channel, payload })
    original(channel, payload, except)
  }) as typeof transmit.broadcastExcept
  cleanup(() => {
    transmit.broadcastExcept = original
  })
  return delivered
}

/** Listens to the fan-out channel like another web process would. */
function listenToFanOut(cleanup: (fn: () => void) => void) {
  const envelopes: Array<{ from: string; messages: Delivered }> = []
  const handler = (_channel: string, raw: string) => {
    envelopes.push(JSON.parse(raw))
  }
  redis.connection().psubscribe(FAN_OUT_CHANNEL, handler)
  cleanup(() => void redis.connection().punsubscribe(FAN_OUT_CHANNEL))
  return envelopes
}

test.group('Realtime: fan-out between processes', () => {
  test('messages another process publishes reach this process subscribers', async ({
    assert,
    cleanup,
  }) => {
    const delivered = spyLocalDelivery(cleanup)
    const envelope = {
      from: 'another-process',
      messages: [
        { channel: 'tenants/1/executions', payload: { executionId: 1 } },
        { channel: 'workflows/executions/1', payload: { executionId: 1 } },
      ],
    }
    await redis.publish(FAN_OUT_CHANNEL, JSON.stringify(envelope))
    await eventually(async () => delivered.length >= 2, 'the relayed messages')
    assert.deepEqual(delivered, envelope.messages)
  })

  test('a burst of broadcasts leaves as one publish and is delivered here once', async ({
    assert,
    cleanup,
  }) => {
    const envelopes = listenToFanOut(cleanup)
    const delivered = spyLocalDelivery(cleanup)
    // The pattern subscription shares the subscriber connection: wait until it is active.
    await eventually(async () => {
      await redis.publish(FAN_OUT_CHANNEL, JSON.stringify({ from: 'probe', messages: [] }))
      return envelopes.length > 0
    }, 'the test subscription')
    delivered.length = 0
    const batches = () => envelopes.filter((envelope) => envelope.from !== 'probe')

    for (let i = 0; i < 30; i++) broadcast('tenants/7/executions', { executionId: i })
    flushFanOut()
    await eventually(async () => batches().length > 0, 'the batch')

    assert.lengthOf(batches(), 1)
    assert.lengthOf(batches()[0].messages, 30)
    assert.deepEqual(batches()[0].messages[29], {
      channel: 'tenants/7/executions',
      payload: { executionId: 29 },
    })
    // Delivered locally at once, and not a second time when the batch comes back.
    await redis.publish(FAN_OUT_CHANNEL, JSON.stringify({ from: 'marker', messages: [] }))
    await eventually(
      async () => envelopes.some((envelope) => envelope.from === 'marker'),
      'the marker after the batch'
    )
    assert.lengthOf(delivered, 30)
  })
})
