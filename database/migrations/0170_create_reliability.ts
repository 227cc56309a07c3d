import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Error handling (issue 5):
 * - `workflows.reliability` holds the workflow-level defaults (retry policy, error workflow);
 *   node-level overrides live in the node's config (`config.retry`, `config.timeoutMs`).
 * - `executions.replay_of_execution_id` links a replayed execution to the one it replays.
 * - `workflow_dead_letters`: executions that failed past all handling, with their last error,
 *   input and failed step, until someone replays, retries, skips or purges them.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('workflows', (table) => {
      table.jsonb('reliability').notNullable().defaultTo('{}')
    })
    this.schema.alterTable('executions', (table) => {
      table
        .bigInteger('replay_of_execution_id')
        .nullable()
        .references('executions.id')
        .onDelete('SET NULL')
    })
    this.schema.raw(
      `CREATE INDEX executions_replay_of_idx ON executions (replay_of_execution_id)
       WHERE replay_of_execution_id IS NOT NULL`
    )

    this.schema.createTable('workflow_dead_letters', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('execution_id').notNullable().references('executions.id').onDelete('CASCADE')
      table.bigInteger('workflow_id').notNullable().references('workflows.id').onDelete('CASCADE')
      table.bigInteger('version_id').notNullable()
      table.string('node_id', 100).nullable()
      table.string('node_type', 64).nullable()
      table.string('category', 32).notNullable()
      table.text('message').notNullable()
      table.jsonb('error').notNullable()
      table.jsonb('input').notNullable()
      // open → resolved (retried in place, skipped, or replayed as a new execution)
      table.string('status', 16).notNullable().defaultTo('open')
      table.string('resolution', 32).nullable()
      table
        .bigInteger('replay_execution_id')
        .nullable()
        .references('executions.id')
        .onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('resolved_at', { useTz: true }).nullable()
      table.unique(['execution_id'])
      table.index(['tenant_id', 'status', 'id'])
      table.index(['tenant_id', 'workflow_id', 'id'])
      table.index(['created_at'])
    })
  }

  async down() {
    this.schema.dropTable('workflow_dead_letters')
    this.schema.raw('DROP INDEX IF EXISTS executions_replay_of_idx')
    this.schema.alterTable('executions', (table) => {
      table.dropColumn('replay_of_execution_id')
    })
    this.schema.alterTable('workflows', (table) => {
      table.dropColumn('reliability')
    })
  }
}
