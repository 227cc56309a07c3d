import { BaseSchema } from '@adonisjs/lucid/schema'

/** One-use callback URLs handed out by "Wait for callback" steps (issue 8); tokens stored hashed. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('workflow_callbacks', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('execution_id').notNullable().references('executions.id').onDelete('CASCADE')
      table.string('node_id', 100).notNullable()
      table.string('scope_key', 200).notNullable().defaultTo('')
      /** sha256 (hex) of the signed token: the plain token never needs to be stored here. */
      table.string('token_hash', 64).notNullable().unique()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('used_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['execution_id', 'node_id', 'scope_key'])
      table.index(['tenant_id', 'execution_id'])
    })
  }

  async down() {
    this.schema.dropTable('workflow_callbacks')
  }
}
