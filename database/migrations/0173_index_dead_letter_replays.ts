import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * `workflow_dead_letters.replay_execution_id` is set to NULL when the replay execution is deleted:
 * without an index every deleted execution scanned the dead-letter table.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      `CREATE INDEX workflow_dead_letters_replay_idx ON workflow_dead_letters (replay_execution_id)
       WHERE replay_execution_id IS NOT NULL`
    )
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS workflow_dead_letters_replay_idx')
  }
}
