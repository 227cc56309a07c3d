import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The failure repair pass (reliability/failure_handling.ts) looks for recently failed executions
 * without a dead letter (their worker died between the final checkpoint and the DLQ entry).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      `CREATE INDEX executions_failed_finished_idx ON executions (finished_at)
       WHERE status = 'failed'`
    )
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS executions_failed_finished_idx')
  }
}
