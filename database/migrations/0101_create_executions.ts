import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Durable execution state: one row per execution (leased by a worker), one checkpoint row per
 * step and scope (loop iteration / branch), and the waits that park an execution without a worker.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('executions', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('workflow_id').notNullable().references('workflows.id').onDelete('CASCADE')
      table
        .bigInteger('version_id')
        .notNullable()
        .references('workflow_versions.id')
        .onDelete('CASCADE')
      table
        .enum('status', ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'], {
          useNative: true,
          enumName: 'execution_status',
        })
        .notNullable()
        .defaultTo('queued')
      table.string('trigger_type', 64).notNullable()
      // What started it, unique per version: `event:<uuid>`, `tick:<iso>`, `hook:<key>`. This is
      // the exactly-once guarantee for triggers (a replayed event or a second scheduler collides).
      table.string('trigger_key', 200).nullable()
      table.string('priority', 8).notNullable().defaultTo('normal')
      table.jsonb('input').notNullable()
      table.jsonb('output').nullable()
      table.jsonb('error').nullable()
      table.bigInteger('started_by').nullable().references('users.id').onDelete('SET NULL')
      table.string('lease_owner', 100).nullable()
      table.timestamp('lease_expires_at', { useTz: true }).nullable()
      table.integer('step_count').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('started_at', { useTz: true }).nullable()
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['tenant_id', 'workflow_id', 'id'])
      table.index(['tenant_id', 'status', 'id'])
      table.unique(['version_id', 'trigger_key'])
    })
    // The sweeper only scans unfinished executions.
    this.schema.raw(
      `CREATE INDEX executions_unfinished_idx ON executions (status, updated_at)
       WHERE status IN ('queued', 'running')`
    )

    this.schema.createTable('execution_steps', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('execution_id').notNullable().references('executions.id').onDelete('CASCADE')
      table.string('node_id', 100).notNullable()
      table.string('node_type', 64).notNullable()
      // Loop iteration / parallel branch the step ran in; '' at top level.
      table.string('scope_key', 200).notNullable().defaultTo('')
      // executionId:nodeId:scopeKey — the same on every re-run of the step after a crash.
      table.string('idempotency_key', 420).notNullable().unique()
      table
        .enum('status', ['running', 'waiting', 'succeeded', 'failed', 'skipped', 'cancelled'], {
          useNative: true,
          enumName: 'execution_step_status',
        })
        .notNullable()
      table.integer('attempt').notNullable().defaultTo(1)
      table.integer('seq').notNullable().defaultTo(0)
      table.jsonb('input').nullable()
      table.jsonb('output').nullable()
      table.string('port', 100).nullable()
      table.jsonb('error').nullable()
      table.timestamp('started_at', { useTz: true }).nullable()
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.integer('duration_ms').nullable()
      table.index(['execution_id', 'seq'])
      table.index(['tenant_id', 'execution_id'])
    })

    this.schema.createTable('execution_waits', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('execution_id').notNullable().references('executions.id').onDelete('CASCADE')
      table.string('node_id', 100).notNullable()
      table.string('scope_key', 200).notNullable().defaultTo('')
      table.string('kind', 32).notNullable()
      table.timestamp('resume_at', { useTz: true }).nullable()
      table.jsonb('payload').nullable()
      table.string('status', 16).notNullable().defaultTo('pending')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('resumed_at', { useTz: true }).nullable()
      table.unique(['execution_id', 'node_id', 'scope_key'])
      table.index(['tenant_id', 'status'])
    })
    this.schema.raw(
      `CREATE INDEX execution_waits_due_idx ON execution_waits (resume_at)
       WHERE status = 'pending' AND resume_at IS NOT NULL`
    )
  }

  async down() {
    this.schema.dropTable('execution_waits')
    this.schema.dropTable('execution_steps')
    this.schema.dropTable('executions')
    this.schema.raw('DROP TYPE IF EXISTS execution_step_status')
    this.schema.raw('DROP TYPE IF EXISTS execution_status')
  }
}
