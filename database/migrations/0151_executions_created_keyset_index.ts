import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The executions list orders "newest/oldest" by (created_at, id): one index then serves both that
 * order and date-range filters (a range far in the past no longer walks every newer row).
 * It supersedes the (tenant_id, id) and (tenant_id, created_at) indexes of 0150.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      `CREATE INDEX executions_tenant_created_id_idx ON executions (tenant_id, created_at, id)`
    )
    this.schema.raw('DROP INDEX IF EXISTS executions_tenant_created_idx')
    this.schema.raw('DROP INDEX IF EXISTS executions_tenant_id_idx')
  }

  async down() {
    this.schema.raw(`CREATE INDEX executions_tenant_id_idx ON executions (tenant_id, id)`)
    this.schema.raw(
      `CREATE INDEX executions_tenant_created_idx ON executions (tenant_id, created_at)`
    )
    this.schema.raw('DROP INDEX IF EXISTS executions_tenant_created_id_idx')
  }
}
