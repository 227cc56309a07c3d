import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Components shared with other tenants (issue 8). A share is never deleted: revoking stamps
 * `revoked_at`, so a grantee calling it later gets "sharing was revoked" rather than "not found",
 * and the history of who had access stays. At most one live share per (component, grantee).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('workflow_shares', (table) => {
      table.bigIncrements('id')
      table
        .bigInteger('component_id')
        .notNullable()
        .references('workflow_components.id')
        .onDelete('CASCADE')
      table.bigInteger('owner_tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table
        .bigInteger('grantee_tenant_id')
        .notNullable()
        .references('tenants.id')
        .onDelete('CASCADE')
      table.bigInteger('created_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.bigInteger('revoked_by').nullable().references('users.id').onDelete('SET NULL')
      table.index(['component_id'])
    })
    this.schema.raw(
      `CREATE UNIQUE INDEX workflow_shares_live_unique ON workflow_shares
       (component_id, grantee_tenant_id) WHERE revoked_at IS NULL`
    )
    this.schema.raw(
      `CREATE INDEX workflow_shares_grantee_idx ON workflow_shares (grantee_tenant_id)
       WHERE revoked_at IS NULL`
    )
  }

  async down() {
    this.schema.dropTable('workflow_shares')
  }
}
