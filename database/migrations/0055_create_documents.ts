import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Uploaded documents (file kept on a Drive disk, metadata here) and customer contracts.
 * `expiry_notified_for` remembers which expiry date the daily scan already announced, so the
 * scan emits one event per expiry date and again only if the date is moved.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('documents', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.string('name', 255).notNullable()
      table
        .enum('type', [
          'contract',
          'invoice',
          'receipt',
          'certificate',
          'license',
          'policy',
          'other',
        ])
        .notNullable()
        .defaultTo('other')
      table.string('file_key', 500).notNullable()
      table.string('original_name', 255).notNullable()
      table.string('mime_type', 150).nullable()
      table.bigInteger('size').notNullable()
      table.string('owner_type', 40).nullable()
      table.string('owner_id', 40).nullable()
      table.date('expires_on').nullable()
      table.date('expiry_notified_for').nullable()
      table.bigInteger('uploaded_by').nullable().references('users.id').onDelete('SET NULL')
      table.string('idempotency_key', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['tenant_id', 'idempotency_key'])
      table.index(['tenant_id', 'owner_type', 'owner_id'])
      table.index(['tenant_id', 'expires_on'])
    })

    this.schema.createTable('contracts', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('account_id').notNullable()
      table.string('title', 200).notNullable()
      table.date('start_date').notNullable()
      table.date('end_date').notNullable()
      table.bigInteger('value').notNullable().defaultTo(0)
      table.specificType('currency', 'char(3)').notNullable()
      table.bigInteger('document_id').nullable().references('documents.id').onDelete('SET NULL')
      table.date('expiry_notified_for').nullable()
      table.string('idempotency_key', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['tenant_id', 'idempotency_key'])
      table.index(['tenant_id', 'end_date'])
      table.index(['tenant_id', 'account_id'])
    })
  }

  async down() {
    this.schema.dropTable('contracts')
    this.schema.dropTable('documents')
  }
}
