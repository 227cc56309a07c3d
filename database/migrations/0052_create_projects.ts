import { BaseSchema } from '@adonisjs/lucid/schema'

/** Projects with ordered milestones and tasks (optionally attached to a milestone). */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('projects', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.string('name', 200).notNullable()
      table.text('description').nullable()
      table.bigInteger('account_id').nullable()
      table
        .enum('status', ['planned', 'active', 'on_hold', 'completed', 'cancelled'])
        .notNullable()
        .defaultTo('active')
      table.date('start_date').nullable()
      table.date('end_date').nullable()
      table.bigInteger('budget_amount').nullable()
      table.specificType('currency', 'char(3)').notNullable()
      table.string('idempotency_key', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['tenant_id', 'idempotency_key'])
      table.index(['tenant_id', 'status'])
    })

    this.schema.createTable('project_milestones', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('project_id').notNullable().references('projects.id').onDelete('CASCADE')
      table.string('name', 200).notNullable()
      table.date('due_date').nullable()
      table.integer('position').notNullable().defaultTo(0)
      table.boolean('reached').notNullable().defaultTo(false)
      table.timestamp('reached_at', { useTz: true }).nullable()
      table.string('idempotency_key', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['tenant_id', 'idempotency_key'])
      table.index(['tenant_id', 'project_id'])
    })

    this.schema.createTable('project_tasks', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('project_id').notNullable().references('projects.id').onDelete('CASCADE')
      table
        .bigInteger('milestone_id')
        .nullable()
        .references('project_milestones.id')
        .onDelete('SET NULL')
      table.string('title', 300).notNullable()
      table.bigInteger('assignee_id').nullable().references('users.id').onDelete('SET NULL')
      table.date('due_date').nullable()
      table.boolean('done').notNullable().defaultTo(false)
      table.timestamp('done_at', { useTz: true }).nullable()
      table.string('idempotency_key', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['tenant_id', 'idempotency_key'])
      table.index(['tenant_id', 'project_id'])
      table.index(['tenant_id', 'assignee_id'])
    })
  }

  async down() {
    this.schema.dropTable('project_tasks')
    this.schema.dropTable('project_milestones')
    this.schema.dropTable('projects')
  }
}
