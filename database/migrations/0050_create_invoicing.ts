import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Invoices and their lines. Amounts are integer minor units of the invoice currency; the
 * totals are stored (not only derived) so lists, filters and workflow conditions read them
 * without recomputing, and the service recomputes them on every write.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('invoices', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.string('number', 40).notNullable()
      table.bigInteger('account_id').notNullable()
      table
        .enum('status', ['draft', 'sent', 'partially_paid', 'paid', 'overdue', 'void'])
        .notNullable()
        .defaultTo('draft')
      table.specificType('currency', 'char(3)').notNullable()
      table.date('issue_date').notNullable()
      table.date('due_date').notNullable()
      table.bigInteger('subtotal').notNullable().defaultTo(0)
      table.bigInteger('tax_total').notNullable().defaultTo(0)
      table.bigInteger('total').notNullable().defaultTo(0)
      table.bigInteger('amount_paid').notNullable().defaultTo(0)
      table.text('notes').nullable()
      table.string('idempotency_key', 200).nullable()
      table.bigInteger('created_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('sent_at', { useTz: true }).nullable()
      table.timestamp('paid_at', { useTz: true }).nullable()
      table.timestamp('overdue_at', { useTz: true }).nullable()
      table.timestamp('voided_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['tenant_id', 'number'])
      table.unique(['tenant_id', 'idempotency_key'])
      table.index(['tenant_id', 'status', 'due_date'])
      table.index(['tenant_id', 'account_id'])
    })

    this.schema.createTable('invoice_lines', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('invoice_id').notNullable().references('invoices.id').onDelete('CASCADE')
      table.integer('position').notNullable()
      table.string('description', 500).notNullable()
      table.decimal('quantity', 14, 3).notNullable()
      table.bigInteger('unit_price').notNullable()
      /** Tax rate in basis points: 2000 = 20 %. */
      table.integer('tax_rate_bps').notNullable().defaultTo(0)
      table.bigInteger('subtotal').notNullable()
      table.bigInteger('tax').notNullable()
      table.bigInteger('total').notNullable()
      table.index(['tenant_id', 'invoice_id'])
    })
  }

  async down() {
    this.schema.dropTable('invoice_lines')
    this.schema.dropTable('invoices')
  }
}
