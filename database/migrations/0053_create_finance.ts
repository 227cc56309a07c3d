import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Expenses (submitted by a member, approved or rejected) and budgets per category and period.
 * A budget's `spent` is the sum of the approved expenses it covers, kept by the service.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('budgets', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.string('name', 200).notNullable()
      table.string('category', 60).notNullable()
      table.date('period_start').notNullable()
      table.date('period_end').notNullable()
      table.bigInteger('limit_amount').notNullable()
      table.bigInteger('spent_amount').notNullable().defaultTo(0)
      table.specificType('currency', 'char(3)').notNullable()
      table.string('idempotency_key', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['tenant_id', 'idempotency_key'])
      table.index(['tenant_id', 'category', 'period_start'])
    })

    this.schema.createTable('expenses', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('submitter_id').nullable().references('users.id').onDelete('SET NULL')
      table.string('description', 500).notNullable()
      table.string('category', 60).notNullable()
      table.bigInteger('amount').notNullable()
      table.specificType('currency', 'char(3)').notNullable()
      table.date('spent_on').notNullable()
      table
        .enum('status', ['submitted', 'approved', 'rejected'])
        .notNullable()
        .defaultTo('submitted')
      table.bigInteger('budget_id').nullable().references('budgets.id').onDelete('SET NULL')
      table.bigInteger('decided_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.string('rejection_reason', 500).nullable()
      table.string('idempotency_key', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['tenant_id', 'idempotency_key'])
      table.index(['tenant_id', 'status'])
      table.index(['tenant_id', 'submitter_id'])
    })
  }

  async down() {
    this.schema.dropTable('expenses')
    this.schema.dropTable('budgets')
  }
}
