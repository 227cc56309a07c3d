import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { recordEvent, setAfterCommitDispatch, waitForDispatches } from '#core/events/outbox'
import { onDomainEvent, onDomainEvents, type StoredDomainEvent } from '#core/events/bus'
import { OutboxRelay } from '#core/events/relay'
import {
  dispatchStoredEvent,
  dispatchStoredEvents,
  MAX_DELIVERY_ATTEMPTS,
} from '#core/events/dispatcher'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'

/** Collects what one named listener received; `fail` makes it throw for the next N calls. */
function recorder(name: string) {
  const seen: StoredDomainEvent[] = []
  const state = { failuresLeft: 0 }
  const off = onDomainEvent(name, async (event) => {
    if (state.failuresLeft > 0) {
      state.failuresLeft--
      throw new Error(`${name} failed on purpose`)
    }
    seen.push(event)
  })
  return { seen, state, off }
}

async function recordLeadCreated(tenantId: number, actorId: number) {
  return db.transaction((trx) =>
    recordEvent(trx, {
      tenantId,
      type: 'lead.created',
      aggregateType: 'lead',
      aggregateId: 42,
      payload: { entity: { id: 42, name: 'Ada' } },
      actorId,
    })
  )
}

async function deliveryStatus(eventId: string, listener: string) {
  const row = await db
    .from('domain_event_deliveries')
    .where({ event_id: eventId, listener })
    .first()
  return row?.status as string | undefined
}

test.group('Domain event outbox', (group) => {
  const cleanups: Array<() => void> = []
  group.each.setup(async () => {
    await truncateAll()
    return async () => {
      cleanups.splice(0).forEach((off) => off())
      setAfterCommitDispatch(true)
      await waitForDispatches()
    }
  })

  test('an event is stored in the caller transaction and dispatched after commit', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const listener = recorder('test.outbox.a')
    cleanups.push(listener.off)

    const event = await recordLeadCreated(tenant.id, user.id)
    await waitForDispatches()

    assert.lengthOf(listener.seen, 1)
    assert.deepEqual(listener.seen[0].payload, { entity: { id: 42, name: 'Ada' } })
    assert.equal(listener.seen[0].aggregateId, '42')
    assert.equal(listener.seen[0].actorId, user.id)
    const row = await db.from('domain_events').where('id', event.id).firstOrFail()
    assert.equal(row.type, 'lead.created')
    assert.isNotNull(row.dispatched_at)
    assert.equal(await deliveryStatus(event.id, 'test.outbox.a'), 'delivered')
  })

  test('the events of one transaction reach a listener in recording order', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const listener = recorder('test.outbox.order')
    cleanups.push(listener.off)
    const types = ['deal.created', 'deal.stage_changed', 'deal.won', 'deal.updated'] as const
    await db.transaction(async (trx) => {
      for (const type of types) {
        await recordEvent(trx, {
          tenantId: tenant.id,
          type,
          aggregateType: 'deal',
          aggregateId: 7,
          payload: { entity: { id: 7 }, changes: {} } as never,
        })
      }
    })
    await waitForDispatches()
    assert.deepEqual(
      listener.seen.map((e) => e.type),
      [...types]
    )
  })

  test('an event recorded in a savepoint is delivered once the outer transaction commits', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const listener = recorder('test.outbox.nested')
    cleanups.push(listener.off)

    const outer = await db.transaction()
    const inner = await outer.transaction()
    const event = await recordEvent(inner, {
      tenantId: tenant.id,
      type: 'account.created',
      aggregateType: 'account',
      aggregateId: 3,
      payload: { entity: { id: 3 } },
      actorId: user.id,
    })
    await inner.commit() // releases the savepoint: the row is still invisible to others
    await waitForDispatches()
    assert.lengthOf(listener.seen, 0)
    await outer.commit()

    await new OutboxRelay({ minAgeMs: 0 }).runOnce()
    assert.deepEqual(
      listener.seen.map((e) => e.id),
      [event.id]
    )
  })

  test('a listener filter skips events without bookkeeping', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser()
    const seen: string[] = []
    cleanups.push(
      onDomainEvent(
        'test.outbox.filtered',
        async (event) => {
          seen.push(event.type)
        },
        { filter: (event) => event.type === 'deal.won' }
      )
    )
    const skipped = await recordLeadCreated(tenant.id, user.id)
    await waitForDispatches()
    assert.deepEqual(seen, [])
    assert.isUndefined(await deliveryStatus(skipped.id, 'test.outbox.filtered'))
    const row = await db.from('domain_events').where('id', skipped.id).firstOrFail()
    assert.isNotNull(row.dispatched_at)

    const won = await db.transaction((trx) =>
      recordEvent(trx, {
        tenantId: tenant.id,
        type: 'deal.won',
        aggregateType: 'deal',
        aggregateId: 1,
        payload: { entity: { id: 1 } },
      })
    )
    await waitForDispatches()
    assert.deepEqual(seen, ['deal.won'])
    assert.equal(await deliveryStatus(won.id, 'test.outbox.filtered'), 'delivered')
  })

  test('a rolled back transaction leaves no event and dispatches nothing', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser()
    const listener = recorder('test.outbox.b')
    cleanups.push(listener.off)

    const trx = await db.transaction()
    await recordEvent(trx, {
      tenantId: tenant.id,
      type: 'contact.created',
      aggregateType: 'contact',
      aggregateId: 1,
      payload: { entity: { id: 1 } },
      actorId: user.id,
    })
    await trx.rollback()
    await waitForDispatches()

    assert.lengthOf(listener.seen, 0)
    const count = await db.from('domain_events').count('* as total').first()
    assert.equal(Number(count.total), 0)
  })

  test('a crash between commit and dispatch is repaired by the relay', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser()
    const listener = recorder('test.outbox.c')
    cleanups.push(listener.off)

    setAfterCommitDispatch(false) // the process "dies" right after commit
    const event = await recordLeadCreated(tenant.id, user.id)
    await waitForDispatches()
    assert.lengthOf(listener.seen, 0)
    setAfterCommitDispatch(true)

    const relay = new OutboxRelay({ minAgeMs: 0 })
    assert.equal(await relay.runOnce(), 1)

    assert.deepEqual(
      listener.seen.map((e) => e.id),
      [event.id]
    )
    const row = await db.from('domain_events').where('id', event.id).firstOrFail()
    assert.isNotNull(row.dispatched_at)
  })

  test('two relays running at once deliver each event once', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser()
    const listener = recorder('test.outbox.d')
    cleanups.push(listener.off)

    setAfterCommitDispatch(false)
    const events = []
    for (let i = 0; i < 5; i++) events.push(await recordLeadCreated(tenant.id, user.id))
    setAfterCommitDispatch(true)

    const relays = [new OutboxRelay({ minAgeMs: 0 }), new OutboxRelay({ minAgeMs: 0 })]
    await Promise.all(relays.map((relay) => relay.runOnce()))
    // A second round finds nothing left to do.
    await Promise.all(relays.map((relay) => relay.runOnce()))

    assert.sameMembers(
      listener.seen.map((e) => e.id),
      events.map((e) => e.id)
    )
    assert.lengthOf(listener.seen, 5)
  })

  test('dispatching an already delivered event again does not re-run listeners', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const listener = recorder('test.outbox.e')
    cleanups.push(listener.off)

    const event = await recordLeadCreated(tenant.id, user.id)
    await waitForDispatches()
    // Simulate a relay that saw the row before dispatched_at was written.
    await db.from('domain_events').where('id', event.id).update({ dispatched_at: null })
    await new OutboxRelay({ minAgeMs: 0 }).runOnce()

    assert.lengthOf(listener.seen, 1)
  })

  test('a failing listener is retried by the relay; the others are not re-run', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const healthy = recorder('test.outbox.healthy')
    const flaky = recorder('test.outbox.flaky')
    cleanups.push(healthy.off, flaky.off)
    flaky.state.failuresLeft = 1

    const event = await recordLeadCreated(tenant.id, user.id)
    await waitForDispatches()
    assert.lengthOf(healthy.seen, 1)
    assert.lengthOf(flaky.seen, 0)
    assert.equal(await deliveryStatus(event.id, 'test.outbox.flaky'), 'failed')
    const pending = await db.from('domain_events').where('id', event.id).firstOrFail()
    assert.isNull(pending.dispatched_at)

    await new OutboxRelay({ minAgeMs: 0 }).runOnce()

    assert.lengthOf(healthy.seen, 1)
    assert.lengthOf(flaky.seen, 1)
    assert.equal(await deliveryStatus(event.id, 'test.outbox.flaky'), 'delivered')
    const done = await db.from('domain_events').where('id', event.id).firstOrFail()
    assert.isNotNull(done.dispatched_at)
  })

  test('a listener that keeps failing gives up after the last attempt; the event is dispatched', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const healthy = recorder('test.outbox.steady')
    const broken = recorder('test.outbox.broken')
    cleanups.push(healthy.off, broken.off)
    broken.state.failuresLeft = Number.POSITIVE_INFINITY

    setAfterCommitDispatch(false)
    const event = await recordLeadCreated(tenant.id, user.id)
    setAfterCommitDispatch(true)
    const outcomes: boolean[] = []
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      outcomes.push(await dispatchStoredEvent(event))
    }

    assert.deepEqual(outcomes, [...Array(MAX_DELIVERY_ATTEMPTS - 1).fill(false), true])
    assert.lengthOf(healthy.seen, 1)
    const delivery = await db
      .from('domain_event_deliveries')
      .where({ event_id: event.id, listener: 'test.outbox.broken' })
      .firstOrFail()
    assert.equal(delivery.status, 'dead')
    assert.equal(delivery.attempts, MAX_DELIVERY_ATTEMPTS)
    assert.include(delivery.last_error, 'test.outbox.broken failed on purpose')
    const row = await db.from('domain_events').where('id', event.id).firstOrFail()
    assert.isNotNull(row.dispatched_at)
  })

  test('a delivery claimed by another process keeps the event undispatched', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser()
    const mine = recorder('test.outbox.mine')
    const theirs = recorder('test.outbox.theirs')
    cleanups.push(mine.off, theirs.off)

    setAfterCommitDispatch(false)
    const event = await recordLeadCreated(tenant.id, user.id)
    setAfterCommitDispatch(true)
    // Another process is running this listener right now (a fresh claim).
    await db.table('domain_event_deliveries').insert({
      event_id: event.id,
      listener: 'test.outbox.theirs',
      status: 'processing',
      attempts: 1,
      claimed_at: new Date(),
    })

    assert.isFalse(await dispatchStoredEvent(event))
    assert.lengthOf(mine.seen, 1)
    assert.lengthOf(theirs.seen, 0)
    assert.equal(await deliveryStatus(event.id, 'test.outbox.mine'), 'delivered')
    const row = await db.from('domain_events').where('id', event.id).firstOrFail()
    assert.isNull(row.dispatched_at)
  })

  test('a relay started and stopped explicitly recovers undispatched events', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const listener = recorder('test.outbox.f')
    cleanups.push(listener.off)
    setAfterCommitDispatch(false)
    const event = await recordLeadCreated(tenant.id, user.id)
    setAfterCommitDispatch(true)

    const relay = new OutboxRelay({ minAgeMs: 0, intervalMs: 20 })
    relay.start()
    for (let i = 0; i < 500 && listener.seen.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    await relay.stop()

    assert.isFalse(relay.isRunning)
    assert.deepEqual(
      listener.seen.map((e) => e.id),
      [event.id]
    )
  })

  test('events committed while a batch is dispatched go out together in the next batch, in order', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const batches: string[][] = []
    let openGate!: () => void
    const gate = new Promise<void>((resolve) => (openGate = resolve))
    cleanups.push(
      onDomainEvents('test.outbox.batches', async (events) => {
        batches.push(events.map((event) => event.id))
        await gate
      })
    )
    // The first two commits occupy both dispatch loops (held at the gate)...
    const first = await recordLeadCreated(tenant.id, user.id)
    const second = await recordLeadCreated(tenant.id, user.id)
    while (batches.length < 2) await new Promise((resolve) => setImmediate(resolve))
    // ...so the next ten wait, and leave as one batch once a loop is free.
    const later: string[] = []
    for (let i = 0; i < 10; i++) {
      const event = await recordLeadCreated(tenant.id, user.id)
      later.push(event.id)
    }
    openGate()
    await waitForDispatches()

    assert.sameMembers(
      batches.slice(0, 2).map((batch) => batch.join()),
      [first.id, second.id]
    )
    assert.deepEqual(batches.slice(2), [later])
    const undispatched = await db
      .from('domain_events')
      .whereNull('dispatched_at')
      .count('* as n')
      .first()
    assert.equal(Number(undispatched?.n), 0)
    const deliveries = await db
      .from('domain_event_deliveries')
      .where('listener', 'test.outbox.batches')
      .where('status', 'delivered')
      .count('* as n')
      .first()
    assert.equal(Number(deliveries?.n), 12)
  })

  test('a batch holding an event that is not visible yet delivers the others one by one', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const listener = recorder('test.outbox.partial')
    cleanups.push(listener.off)
    setAfterCommitDispatch(false)
    const visible = await recordLeadCreated(tenant.id, user.id)
    setAfterCommitDispatch(true)
    // Recorded in a transaction that has not committed (from the dispatcher's point of view, a
    // row it cannot see): the same shape with an id no committed row has.
    const invisible = { ...visible, id: crypto.randomUUID() }

    assert.deepEqual(await dispatchStoredEvents([invisible, visible]), [false, true])
    assert.deepEqual(
      listener.seen.map((event) => event.id),
      [visible.id]
    )
    assert.equal(await deliveryStatus(visible.id, 'test.outbox.partial'), 'delivered')
  })

  test('a batch listener that throws fails every event of the batch; the relay retries them', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const handled: string[] = []
    let failures = 1
    cleanups.push(
      onDomainEvents('test.outbox.batch_retry', async (events) => {
        if (failures-- > 0) throw new Error('batch failed on purpose')
        handled.push(...events.map((event) => event.id))
      })
    )
    setAfterCommitDispatch(false)
    const events = [
      await recordLeadCreated(tenant.id, user.id),
      await recordLeadCreated(tenant.id, user.id),
    ]
    setAfterCommitDispatch(true)

    assert.deepEqual(await dispatchStoredEvents(events), [false, false])
    for (const event of events) {
      assert.equal(await deliveryStatus(event.id, 'test.outbox.batch_retry'), 'failed')
    }
    // The relay delivers them again (its leased rows as one batch).
    assert.equal(await new OutboxRelay({ minAgeMs: 0 }).runOnce(), 2)
    assert.deepEqual(
      handled,
      events.map((event) => event.id)
    )
  })
})
