import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Workflow library (issue 8): a workflow marked as a reusable component appears in the builder
 * palette under "Sub-Flows". Kept in its own table (one row per workflow) so the workflows table
 * stays as it is; unmarking deletes the row.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('workflow_components', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table
        .bigInteger('workflow_id')
        .notNullable()
        .unique()
        .references('workflows.id')
        .onDelete('CASCADE')
      // Palette label; null = the workflow's own name.
      table.string('name', 120).nullable()
      table.string('description', 500).nullable()
      table.string('category', 60).nullable()
      table.string('icon', 60).nullable()
      table.bigInteger('created_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['tenant_id'])
    })
  }

  async down() {
    this.schema.dropTable('workflow_components')
  }
}
