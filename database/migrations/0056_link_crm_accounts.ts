import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Foreign keys from the host modules to CRM accounts (a separate step because the CRM tables
 * and ours were created by different migrations). Invoices and contracts must keep their
 * customer, so deleting an account that has them is refused; projects just lose the link.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('invoices', (table) => {
      table.foreign('account_id').references('crm_accounts.id').onDelete('RESTRICT')
    })
    this.schema.alterTable('projects', (table) => {
      table.foreign('account_id').references('crm_accounts.id').onDelete('SET NULL')
    })
    this.schema.alterTable('contracts', (table) => {
      table.foreign('account_id').references('crm_accounts.id').onDelete('RESTRICT')
    })
  }

  async down() {
    this.schema.alterTable('contracts', (table) => table.dropForeign(['account_id']))
    this.schema.alterTable('projects', (table) => table.dropForeign(['account_id']))
    this.schema.alterTable('invoices', (table) => table.dropForeign(['account_id']))
  }
}
