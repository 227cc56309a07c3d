import { BaseSchema } from '@adonisjs/lucid/schema'

/** In-app notifications (the bell), written by workflow notification steps and the system. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('notifications', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('user_id').notNullable().references('users.id').onDelete('CASCADE')
      table.string('title', 300).notNullable()
      table.text('body').nullable()
      table.string('link', 500).nullable()
      table.string('level', 16).notNullable().defaultTo('info')
      table.bigInteger('execution_id').nullable().references('executions.id').onDelete('SET NULL')
      // `<step idempotency key>:<user id>`: a re-run notification step notifies each user once.
      table.string('dedupe_key', 500).nullable().unique()
      table.timestamp('read_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['tenant_id', 'user_id', 'id'])
    })
    this.schema.raw(
      `CREATE INDEX notifications_unread_idx ON notifications (tenant_id, user_id)
       WHERE read_at IS NULL`
    )
  }

  async down() {
    this.schema.dropTable('notifications')
  }
}
