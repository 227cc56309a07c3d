import { BaseSchema } from '@adonisjs/lucid/schema'

/** Stock items and the append-only movements that change their stock on hand. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('inventory_items', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.string('sku', 60).notNullable()
      table.string('name', 200).notNullable()
      table.string('unit', 20).notNullable().defaultTo('pcs')
      table.integer('stock_on_hand').notNullable().defaultTo(0)
      table.integer('minimum_stock').notNullable().defaultTo(0)
      table.bigInteger('unit_cost').nullable()
      table.specificType('currency', 'char(3)').notNullable()
      table.string('idempotency_key', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['tenant_id', 'sku'])
      table.unique(['tenant_id', 'idempotency_key'])
      table.check('?? >= 0', ['stock_on_hand'], 'inventory_items_stock_not_negative')
    })

    this.schema.createTable('stock_movements', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('item_id').notNullable().references('inventory_items.id').onDelete('CASCADE')
      table.enum('kind', ['receipt', 'issue', 'adjustment']).notNullable()
      /** Signed change of stock on hand. */
      table.integer('quantity').notNullable()
      table.integer('balance_after').notNullable()
      table.string('reference', 200).nullable()
      table.string('idempotency_key', 200).nullable()
      table.bigInteger('actor_id').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['tenant_id', 'idempotency_key'])
      table.index(['tenant_id', 'item_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable('stock_movements')
    this.schema.dropTable('inventory_items')
  }
}
