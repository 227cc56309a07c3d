import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Human-in-the-loop approvals (issue 8):
 * - `approval_requests`: one per waiting approval step (execution, node, scope), created in the
 *   same transaction as the step's wait row; `eligible_user_ids` is resolved at creation (users,
 *   roles or an expression) and changes only by delegation.
 * - `approval_decisions`: the audit trail, one row per (request, user): the unique constraint is
 *   what makes a double click or two concurrent posts count once.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('approval_requests', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('execution_id').notNullable().references('executions.id').onDelete('CASCADE')
      table.bigInteger('workflow_id').notNullable().references('workflows.id').onDelete('CASCADE')
      table.string('node_id', 100).notNullable()
      table.string('scope_key', 200).notNullable().defaultTo('')
      table.string('title', 300).notNullable()
      table.text('description').nullable()
      table.string('mode', 16).notNullable()
      table.integer('quorum').notNullable().defaultTo(1)
      table.specificType('eligible_user_ids', 'bigint[]').notNullable().defaultTo('{}')
      table.jsonb('form').notNullable().defaultTo('[]')
      table.jsonb('context').notNullable().defaultTo('{}')
      // pending → approved | rejected | timed_out | cancelled
      table.string('status', 16).notNullable().defaultTo('pending')
      table.timestamp('due_at', { useTz: true }).nullable()
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['execution_id', 'node_id', 'scope_key'])
      table.index(['tenant_id', 'status', 'id'])
    })
    this.schema.raw(
      `CREATE INDEX approval_requests_eligible_idx ON approval_requests
       USING gin (eligible_user_ids) WHERE status = 'pending'`
    )

    this.schema.createTable('approval_decisions', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table
        .bigInteger('request_id')
        .notNullable()
        .references('approval_requests.id')
        .onDelete('CASCADE')
      table.bigInteger('user_id').notNullable().references('users.id').onDelete('CASCADE')
      // approved | rejected | delegated
      table.string('decision', 16).notNullable()
      table.text('comment').nullable()
      table.jsonb('form_data').notNullable().defaultTo('{}')
      table.bigInteger('delegate_user_id').nullable().references('users.id').onDelete('SET NULL')
      // inbox | email | api
      table.string('via', 16).notNullable().defaultTo('inbox')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['request_id', 'user_id'])
      table.index(['tenant_id', 'user_id', 'id'])
    })
  }

  async down() {
    this.schema.dropTable('approval_decisions')
    this.schema.raw('DROP INDEX IF EXISTS approval_requests_eligible_idx')
    this.schema.dropTable('approval_requests')
  }
}
