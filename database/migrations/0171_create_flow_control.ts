import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Flow control (issue 5):
 * - concurrency: `executions.concurrency_key` (workflow id + rendered key expression) and
 *   `holds_slot` (admitted to run); a group's running/waiting slot holders are counted against
 *   `workflows.reliability.concurrency.limit`.
 * - quotas: per-tenant executions per day / month (`workflow_tenant_limits`), and every refused
 *   start recorded in `workflow_quota_refusals` (never silently dropped).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('executions', (table) => {
      table.string('concurrency_key', 250).nullable()
      table.boolean('holds_slot').notNullable().defaultTo(false)
    })
    this.schema.raw(
      `CREATE INDEX executions_slots_idx ON executions (workflow_id, concurrency_key)
       WHERE holds_slot AND status IN ('queued', 'running', 'waiting')`
    )
    this.schema.raw(
      `CREATE INDEX executions_queued_by_workflow_idx ON executions (workflow_id, id)
       WHERE status = 'queued'`
    )

    this.schema.createTable('workflow_tenant_limits', (table) => {
      table.bigInteger('tenant_id').primary().references('tenants.id').onDelete('CASCADE')
      table.integer('executions_per_day').nullable()
      table.integer('executions_per_month').nullable()
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })

    this.schema.createTable('workflow_quota_refusals', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('workflow_id').nullable().references('workflows.id').onDelete('CASCADE')
      table.string('trigger_type', 64).notNullable()
      table.string('trigger_key', 200).nullable()
      table.string('period', 8).notNullable()
      table.integer('quota').notNullable()
      table.jsonb('input').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['tenant_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable('workflow_quota_refusals')
    this.schema.dropTable('workflow_tenant_limits')
    this.schema.raw('DROP INDEX IF EXISTS executions_queued_by_workflow_idx')
    this.schema.raw('DROP INDEX IF EXISTS executions_slots_idx')
    this.schema.alterTable('executions', (table) => {
      table.dropColumn('holds_slot')
      table.dropColumn('concurrency_key')
    })
  }
}
