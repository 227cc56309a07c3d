import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Approval escalations (issue 8): one row each time an overdue approval request escalated,
 * either by adding approvers (`added`) or by handing it to other approvers (`reassigned`). It is
 * the audit trail of who could decide when: the users who lost the right (`from_user_ids`),
 * those who got it (`to_user_ids`), why, and the request's next due date.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('approval_escalations', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table
        .bigInteger('request_id')
        .notNullable()
        .references('approval_requests.id')
        .onDelete('CASCADE')
      // added | reassigned
      table.string('kind', 16).notNullable()
      table.specificType('from_user_ids', 'bigint[]').notNullable().defaultTo('{}')
      table.specificType('to_user_ids', 'bigint[]').notNullable().defaultTo('{}')
      table.string('reason', 300).notNullable()
      table.timestamp('previous_due_at', { useTz: true }).nullable()
      table.timestamp('next_due_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['request_id', 'id'])
    })
    // "My decisions" lists requests that were taken away from me too.
    this.schema.raw(
      `CREATE INDEX approval_escalations_from_idx ON approval_escalations USING gin (from_user_ids)`
    )
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS approval_escalations_from_idx')
    this.schema.dropTable('approval_escalations')
  }
}
