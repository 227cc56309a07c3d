import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Workflows (an editable draft graph) and their immutable published versions. Executions pin a
 * version, so publishing never changes what a running execution does.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('workflows', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.string('name', 200).notNullable()
      table.text('description').nullable()
      table
        .enum('status', ['draft', 'active', 'paused', 'archived'], {
          useNative: true,
          enumName: 'workflow_status',
        })
        .notNullable()
        .defaultTo('draft')
      table.jsonb('draft_graph').notNullable()
      table.bigInteger('owner_id').nullable().references('users.id').onDelete('SET NULL')
      // Filled on publish; the version new executions start on.
      table.bigInteger('active_version_id').nullable()
      table.integer('latest_version_number').notNullable().defaultTo(0)
      table.string('priority', 8).notNullable().defaultTo('normal')
      // Secret path segment of the webhook URL (/api/v1/hooks/:workflowId/:token).
      table.string('webhook_token', 64).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['tenant_id', 'status'])
      table.index(['tenant_id', 'updated_at'])
    })

    this.schema.createTable('workflow_versions', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('workflow_id').notNullable().references('workflows.id').onDelete('CASCADE')
      table.integer('number').notNullable()
      table.jsonb('graph').notNullable()
      // sha256 of the canonical graph JSON: identical drafts publish identical checksums.
      table.string('checksum', 64).notNullable()
      // Trigger node type of the graph (manual, entity_event, webhook, schedule, ...), for indexing.
      table.string('trigger_type', 64).nullable()
      table.bigInteger('author_id').nullable().references('users.id').onDelete('SET NULL')
      table.text('note').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['workflow_id', 'number'])
      table.index(['tenant_id', 'workflow_id'])
    })

    this.schema.alterTable('workflows', (table) => {
      table.foreign('active_version_id').references('workflow_versions.id').onDelete('SET NULL')
    })
  }

  async down() {
    this.schema.alterTable('workflows', (table) => {
      table.dropForeign(['active_version_id'])
    })
    this.schema.dropTable('workflow_versions')
    this.schema.dropTable('workflows')
    this.schema.raw('DROP TYPE IF EXISTS workflow_status')
  }
}
