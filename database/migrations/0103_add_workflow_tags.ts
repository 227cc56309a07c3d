import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Free-form tags on workflows (issue 6): the list filters by "has any of these tags" (`&&`), which
 * a GIN index on the array serves; the tenant's distinct tags feed the filter and the tag input.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`ALTER TABLE workflows ADD COLUMN tags text[] NOT NULL DEFAULT '{}'`)
    this.schema.raw(`CREATE INDEX workflows_tags_gin_idx ON workflows USING gin (tags)`)
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS workflows_tags_gin_idx')
    this.schema.raw('ALTER TABLE workflows DROP COLUMN IF EXISTS tags')
  }
}
