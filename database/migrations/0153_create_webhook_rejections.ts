import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Webhook requests refused before they could start an execution (wrong token, bad signature,
 * oversized body). Accepted deliveries are the webhook executions themselves; together they are
 * the "recent deliveries" of the metrics page.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('webhook_rejections', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('workflow_id').notNullable().references('workflows.id').onDelete('CASCADE')
      table.smallint('http_status').notNullable()
      table.string('code', 40).notNullable()
      table.timestamp('received_at', { useTz: true }).notNullable()
      table.index(['tenant_id', 'received_at'])
    })
  }

  async down() {
    this.schema.dropTable('webhook_rejections')
  }
}
