import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Transactional outbox: `domain_events` is written in the same transaction as the change that caused
 * the event; `domain_event_deliveries` records, per (event, listener), that a listener claimed or
 * finished an event, so each listener handles each event once even when it is dispatched twice.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('domain_events', (table) => {
      table.uuid('id').primary()
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.string('type', 100).notNullable()
      table.string('aggregate_type', 60).notNullable()
      table.string('aggregate_id', 64).notNullable()
      table.jsonb('payload').notNullable()
      table.bigInteger('actor_id').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('occurred_at', { useTz: true }).notNullable()
      // Set once every listener has handled the event; null rows are what the relay re-dispatches.
      table.timestamp('dispatched_at', { useTz: true }).nullable()
      // Relay bookkeeping: lease / back-off for undispatched rows, and how often the relay tried.
      table.timestamp('next_attempt_at', { useTz: true }).notNullable()
      table.integer('relay_attempts').notNullable().defaultTo(0)

      table.index(['tenant_id', 'occurred_at'])
      table.index(['tenant_id', 'aggregate_type', 'aggregate_id', 'occurred_at'])
      table.index(['tenant_id', 'type', 'occurred_at'])
    })
    this.schema.raw(
      'CREATE INDEX domain_events_undispatched_idx ON domain_events (next_attempt_at) WHERE dispatched_at IS NULL'
    )

    this.schema.createTable('domain_event_deliveries', (table) => {
      table.uuid('event_id').notNullable().references('domain_events.id').onDelete('CASCADE')
      table.string('listener', 120).notNullable()
      // processing: claimed, handler running | delivered | failed: will be retried | dead: gave up
      table.string('status', 12).notNullable()
      table.integer('attempts').notNullable().defaultTo(1)
      table.text('last_error').nullable()
      table.timestamp('claimed_at', { useTz: true }).notNullable()
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.primary(['event_id', 'listener'])
    })
  }

  async down() {
    this.schema.dropTable('domain_event_deliveries')
    this.schema.dropTable('domain_events')
  }
}
