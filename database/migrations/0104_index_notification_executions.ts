import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * `notifications.execution_id` is set to NULL when its execution is deleted (retention, purge).
 * Without an index each deleted execution scanned the whole notifications table (3 ms per
 * execution at 25,000 notifications, growing with every notification step ever run).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      `CREATE INDEX notifications_execution_id_idx ON notifications (execution_id)
       WHERE execution_id IS NOT NULL`
    )
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS notifications_execution_id_idx')
  }
}
