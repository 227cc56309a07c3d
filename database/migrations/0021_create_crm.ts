import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * CRM: accounts (client companies), contacts, leads, the per-tenant deal pipeline (ordered stages),
 * deals, activities and quotes with lines. Money is integer minor units + a currency code.
 * `idempotency_key` (unique per tenant when set) lets an automation retry a create safely.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_accounts', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.string('name', 200).notNullable()
      table.string('industry', 100).nullable()
      table.string('website', 300).nullable()
      table.string('email', 254).nullable()
      table.string('phone', 50).nullable()
      table.integer('health_score').notNullable().defaultTo(50)
      table.bigInteger('owner_id').nullable().references('users.id').onDelete('SET NULL')
      table.text('notes').nullable()
      table.string('idempotency_key', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['tenant_id', 'name'])
      table.check('health_score BETWEEN 0 AND 100', [], 'crm_accounts_health_score_range')
    })

    this.schema.createTable('crm_contacts', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('account_id').nullable().references('crm_accounts.id').onDelete('SET NULL')
      table.string('first_name', 100).notNullable()
      table.string('last_name', 100).nullable()
      table.string('email', 254).nullable()
      table.string('phone', 50).nullable()
      table.string('title', 120).nullable()
      table.bigInteger('owner_id').nullable().references('users.id').onDelete('SET NULL')
      table.string('idempotency_key', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['tenant_id', 'last_name', 'first_name'])
      table.index(['tenant_id', 'account_id'])
    })

    this.schema.createTable('crm_deal_stages', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.string('name', 80).notNullable()
      table.integer('position').notNullable()
      // open stages form the pipeline; reaching the won/lost stage closes the deal
      table.string('kind', 8).notNullable().defaultTo('open')
      table.integer('probability').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['tenant_id', 'name'])
      table.index(['tenant_id', 'position'])
    })

    this.schema.createTable('crm_leads', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.string('name', 200).notNullable()
      table.string('company', 200).nullable()
      table.string('email', 254).nullable()
      table.string('phone', 50).nullable()
      table.string('source', 30).notNullable().defaultTo('other')
      table.integer('score').notNullable().defaultTo(0)
      table.string('status', 12).notNullable().defaultTo('new')
      table.bigInteger('owner_id').nullable().references('users.id').onDelete('SET NULL')
      table.text('notes').nullable()
      table.string('lost_reason', 500).nullable()
      table.timestamp('converted_at', { useTz: true }).nullable()
      table.bigInteger('converted_account_id').nullable()
      table.bigInteger('converted_contact_id').nullable()
      table.bigInteger('converted_deal_id').nullable()
      table.string('idempotency_key', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['tenant_id', 'status', 'created_at'])
      table.check('score BETWEEN 0 AND 100', [], 'crm_leads_score_range')
    })

    this.schema.createTable('crm_deals', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.string('name', 200).notNullable()
      table.bigInteger('account_id').nullable().references('crm_accounts.id').onDelete('SET NULL')
      table.bigInteger('contact_id').nullable().references('crm_contacts.id').onDelete('SET NULL')
      table.bigInteger('lead_id').nullable().references('crm_leads.id').onDelete('SET NULL')
      table.bigInteger('stage_id').notNullable().references('crm_deal_stages.id')
      table.string('status', 8).notNullable().defaultTo('open')
      table.bigInteger('amount').notNullable().defaultTo(0)
      table.string('currency', 3).notNullable()
      table.bigInteger('owner_id').nullable().references('users.id').onDelete('SET NULL')
      table.date('expected_close_date').nullable()
      table.timestamp('closed_at', { useTz: true }).nullable()
      table.string('lost_reason', 500).nullable()
      table.string('idempotency_key', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['tenant_id', 'stage_id'])
      table.index(['tenant_id', 'status', 'expected_close_date'])
      table.check('amount >= 0', [], 'crm_deals_amount_positive')
    })

    this.schema.createTable('crm_activities', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.string('type', 10).notNullable()
      table.string('subject', 200).notNullable()
      table.text('notes').nullable()
      table.timestamp('due_at', { useTz: true }).nullable()
      table.boolean('done').notNullable().defaultTo(false)
      table.timestamp('done_at', { useTz: true }).nullable()
      table.bigInteger('owner_id').nullable().references('users.id').onDelete('SET NULL')
      table.bigInteger('account_id').nullable().references('crm_accounts.id').onDelete('CASCADE')
      table.bigInteger('contact_id').nullable().references('crm_contacts.id').onDelete('CASCADE')
      table.bigInteger('lead_id').nullable().references('crm_leads.id').onDelete('CASCADE')
      table.bigInteger('deal_id').nullable().references('crm_deals.id').onDelete('CASCADE')
      table.string('idempotency_key', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['tenant_id', 'done', 'due_at'])
      table.index(['tenant_id', 'deal_id'])
      table.index(['tenant_id', 'lead_id'])
    })

    this.schema.createTable('crm_quotes', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.string('number', 40).notNullable()
      table.string('title', 200).notNullable()
      table.bigInteger('deal_id').nullable().references('crm_deals.id').onDelete('SET NULL')
      table.bigInteger('account_id').nullable().references('crm_accounts.id').onDelete('SET NULL')
      table.string('status', 10).notNullable().defaultTo('draft')
      table.string('currency', 3).notNullable()
      table.date('valid_until').nullable()
      table.bigInteger('subtotal').notNullable().defaultTo(0)
      table.bigInteger('tax_total').notNullable().defaultTo(0)
      table.bigInteger('total').notNullable().defaultTo(0)
      table.text('notes').nullable()
      table.timestamp('sent_at', { useTz: true }).nullable()
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.string('decline_reason', 500).nullable()
      table.string('idempotency_key', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['tenant_id', 'number'])
      table.index(['tenant_id', 'status'])
    })

    this.schema.createTable('crm_quote_lines', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('quote_id').notNullable().references('crm_quotes.id').onDelete('CASCADE')
      table.integer('position').notNullable()
      table.string('description', 300).notNullable()
      table.integer('quantity').notNullable()
      table.bigInteger('unit_price').notNullable()
      // percent in basis points (2000 = 20 %)
      table.integer('tax_rate_bp').notNullable().defaultTo(0)
      table.bigInteger('line_total').notNullable()
      table.index(['tenant_id', 'quote_id', 'position'])
    })

    for (const name of [
      'crm_accounts',
      'crm_contacts',
      'crm_leads',
      'crm_deals',
      'crm_activities',
      'crm_quotes',
    ]) {
      this.schema.raw(
        `CREATE UNIQUE INDEX ${name}_idempotency_idx ON ${name} (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL`
      )
    }
  }

  async down() {
    for (const name of [
      'crm_quote_lines',
      'crm_quotes',
      'crm_activities',
      'crm_deals',
      'crm_leads',
      'crm_deal_stages',
      'crm_contacts',
      'crm_accounts',
    ]) {
      this.schema.dropTable(name)
    }
  }
}
