import { BaseSchema } from '@adonisjs/lucid/schema'

/** Payments received against one invoice each, in the invoice's currency. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('payments', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('invoice_id').notNullable().references('invoices.id')
      table.bigInteger('amount').notNullable()
      table.specificType('currency', 'char(3)').notNullable()
      table
        .enum('method', ['bank_transfer', 'card', 'cash', 'check', 'other'])
        .notNullable()
        .defaultTo('bank_transfer')
      table.date('paid_on').notNullable()
      table.string('reference', 120).nullable()
      table.string('idempotency_key', 200).nullable()
      table.bigInteger('created_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['tenant_id', 'idempotency_key'])
      table.index(['tenant_id', 'invoice_id'])
      table.index(['tenant_id', 'paid_on'])
    })
  }

  async down() {
    this.schema.dropTable('payments')
  }
}
