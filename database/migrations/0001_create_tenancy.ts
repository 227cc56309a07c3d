import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Users, tenants (organizations) and the memberships that give a user a role in a tenant.
 * Every tenant-owned table elsewhere carries `tenant_id` referencing `tenants.id`.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('tenants', (table) => {
      table.bigIncrements('id')
      table.string('name', 200).notNullable()
      table.string('slug', 80).notNullable().unique()
      table.string('timezone', 64).notNullable().defaultTo('UTC')
      table.string('currency', 3).notNullable().defaultTo('USD')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('users', (table) => {
      table.bigIncrements('id')
      table.string('full_name', 200).nullable()
      table.string('email', 254).notNullable().unique()
      table.string('password').notNullable()
      table.string('timezone', 64).notNullable().defaultTo('UTC')
      table.string('theme', 8).notNullable().defaultTo('light')
      table.bigInteger('current_tenant_id').nullable().references('tenants.id').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('memberships', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('user_id').notNullable().references('users.id').onDelete('CASCADE')
      table
        .enum('role', ['owner', 'admin', 'builder', 'approver', 'viewer'], {
          useNative: true,
          enumName: 'membership_role',
        })
        .notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['tenant_id', 'user_id'])
      table.index(['user_id'])
    })
  }

  async down() {
    this.schema.dropTable('memberships')
    this.schema.dropTable('users')
    this.schema.dropTable('tenants')
    this.schema.raw('DROP TYPE IF EXISTS membership_role')
  }
}
