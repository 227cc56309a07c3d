import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Sub-workflow calls (issue 8): one row per (calling step → child execution). Created in the same
 * transaction as the child execution, so a child always knows its depth and its caller; the
 * unique (parent, node, scope) key makes a re-run of the calling step find its child instead of
 * starting a second one.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('subworkflow_calls', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table
        .bigInteger('parent_execution_id')
        .notNullable()
        .references('executions.id')
        .onDelete('CASCADE')
      table.string('parent_node_id', 100).notNullable()
      table.string('scope_key', 200).notNullable().defaultTo('')
      table
        .bigInteger('child_execution_id')
        .notNullable()
        .unique()
        .references('executions.id')
        .onDelete('CASCADE')
      table.bigInteger('callee_workflow_id').notNullable()
      // sync: the caller waits for the child; async: fire-and-forget
      table.string('mode', 8).notNullable()
      // 1 for a child of a top-level execution, 2 for a grandchild…
      table.integer('depth').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['parent_execution_id', 'parent_node_id', 'scope_key'])
      table.index(['tenant_id', 'parent_execution_id'])
    })
  }

  async down() {
    this.schema.dropTable('subworkflow_calls')
  }
}
