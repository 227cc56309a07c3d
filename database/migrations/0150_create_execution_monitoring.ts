import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Monitoring: which records an execution touched (`execution_subjects`) and the indexes that keep
 * the executions list fast at a million rows (keyset orders, error category, payload text).
 *
 * Subjects are filled by database triggers rather than by runtime code so that every writer (worker,
 * API, tests, benchmarks, a future importer) records them in the same transaction as the row that
 * implies them, without the runtime knowing about monitoring:
 *   - trigger:  an execution started by a domain event on an entity (input.aggregateType/Id, or the
 *               normalised trigger output entityType/entityId);
 *   - input:    an execution started by hand with an `entityType`/`entityId` pair or `<entity>Id` keys;
 *   - created / updated: a succeeded step whose node config names an `entity` and whose output has
 *               an `id` (create/update record nodes, through the entity registry).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('execution_subjects', (table) => {
      table.bigIncrements('id')
      table.bigInteger('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('execution_id').notNullable().references('executions.id').onDelete('CASCADE')
      table.string('entity_type', 64).notNullable()
      table.string('entity_id', 64).notNullable()
      table.string('role', 16).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['execution_id', 'entity_type', 'entity_id', 'role'])
      table.index(['tenant_id', 'entity_type', 'entity_id', 'execution_id'])
    })

    // Text of an execution's or step's payloads (string and number values, not keys) for search.
    this.schema.raw(`
      CREATE FUNCTION execution_search_document(input jsonb, output jsonb, error jsonb)
      RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT jsonb_to_tsvector(
          'simple'::regconfig,
          '[]'::jsonb || coalesce(input, 'null'::jsonb) || coalesce(output, 'null'::jsonb)
            || coalesce(error, 'null'::jsonb),
          '["string", "numeric"]'::jsonb)
      $$`)
    this.schema.raw(
      `CREATE INDEX executions_search_idx ON executions
       USING gin (execution_search_document(input, output, error))`
    )
    this.schema.raw(
      `CREATE INDEX execution_steps_search_idx ON execution_steps
       USING gin (execution_search_document(input, output, error))`
    )
    // Keyset orders of the list: newest/oldest (id), slowest/fastest (duration, id), and filters.
    this.schema.raw(`CREATE INDEX executions_tenant_id_idx ON executions (tenant_id, id)`)
    this.schema.raw(
      `CREATE INDEX executions_tenant_duration_idx ON executions
       (tenant_id, (finished_at - started_at), id) WHERE finished_at IS NOT NULL`
    )
    this.schema.raw(
      `CREATE INDEX executions_tenant_created_idx ON executions (tenant_id, created_at)`
    )
    this.schema.raw(
      `CREATE INDEX executions_error_category_idx ON executions
       (tenant_id, (error->>'category'), id) WHERE error IS NOT NULL`
    )
    this.schema.raw(
      `CREATE INDEX executions_trigger_type_idx ON executions (tenant_id, trigger_type, id)`
    )

    this.schema.raw(`
      CREATE FUNCTION execution_subject_id(value jsonb) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN jsonb_typeof(value) IN ('string', 'number')
                     AND length(value #>> '{}') BETWEEN 1 AND 64
                    THEN value #>> '{}' END
      $$`)

    this.schema.raw(`
      CREATE FUNCTION record_execution_input_subjects() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        kind text;
        ident text;
        item record;
      BEGIN
        IF jsonb_typeof(NEW.input) <> 'object' THEN
          RETURN NEW;
        END IF;
        -- Started by a domain event: the stored event or the normalised trigger output.
        kind := coalesce(NEW.input->>'aggregateType', NEW.input->>'entityType');
        ident := coalesce(
          execution_subject_id(NEW.input->'aggregateId'),
          execution_subject_id(NEW.input->'entityId'),
          execution_subject_id(NEW.input#>'{payload,entity,id}'),
          execution_subject_id(NEW.input#>'{entity,id}'));
        IF kind ~ '^[a-z][a-z0-9_]{0,63}$' AND ident IS NOT NULL THEN
          INSERT INTO execution_subjects (tenant_id, execution_id, entity_type, entity_id, role)
          VALUES (NEW.tenant_id, NEW.id, kind,  ident,
                  CASE WHEN NEW.trigger_type = 'manual' THEN 'input' ELSE 'trigger' END)
          ON CONFLICT DO NOTHING;
        END IF;
        -- Started by hand with record ids in the form: { invoiceId: 42 } or { deal_id: 7 }.
        FOR item IN
          SELECT lower(regexp_replace(m[1], '([a-z0-9])([A-Z])', '\\1_\\2', 'g')) AS entity_type,
                 execution_subject_id(value) AS entity_id
          FROM jsonb_each(NEW.input) AS e(key, value),
               regexp_match(key, '^([a-zA-Z][a-zA-Z0-9]*)(_id|Id)$') AS m
          WHERE m IS NOT NULL AND key NOT IN ('entityId', 'aggregateId', 'eventId')
        LOOP
          IF item.entity_id IS NOT NULL THEN
            INSERT INTO execution_subjects (tenant_id, execution_id, entity_type, entity_id, role)
            VALUES (NEW.tenant_id, NEW.id, item.entity_type, item.entity_id, 'input')
            ON CONFLICT DO NOTHING;
          END IF;
        END LOOP;
        RETURN NEW;
      END
      $$`)
    this.schema.raw(`
      CREATE TRIGGER executions_record_subjects AFTER INSERT ON executions
      FOR EACH ROW EXECUTE FUNCTION record_execution_input_subjects()`)

    this.schema.raw(`
      CREATE FUNCTION record_execution_step_subjects() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        kind text;
        ident text;
      BEGIN
        IF NEW.status <> 'succeeded' OR jsonb_typeof(NEW.output) <> 'object' THEN
          RETURN NEW;
        END IF;
        ident := execution_subject_id(NEW.output->'id');
        IF ident IS NULL THEN
          RETURN NEW;
        END IF;
        SELECT node->'config'->>'entity' INTO kind
        FROM executions e
        JOIN workflow_versions v ON v.id = e.version_id
        CROSS JOIN LATERAL jsonb_array_elements(v.graph->'nodes') AS node
        WHERE e.id = NEW.execution_id AND node->>'id' = NEW.node_id
        LIMIT 1;
        IF kind ~ '^[a-z][a-z0-9_]{0,63}$' THEN
          INSERT INTO execution_subjects (tenant_id, execution_id, entity_type, entity_id, role)
          VALUES (NEW.tenant_id, NEW.execution_id, kind, ident,
                  CASE WHEN NEW.node_type LIKE 'create%' THEN 'created' ELSE 'updated' END)
          ON CONFLICT DO NOTHING;
        END IF;
        RETURN NEW;
      END
      $$`)
    this.schema.raw(`
      CREATE TRIGGER execution_steps_record_subjects
      AFTER INSERT OR UPDATE OF status, output ON execution_steps
      FOR EACH ROW WHEN (NEW.status = 'succeeded')
      EXECUTE FUNCTION record_execution_step_subjects()`)
  }

  async down() {
    this.schema.raw('DROP TRIGGER IF EXISTS execution_steps_record_subjects ON execution_steps')
    this.schema.raw('DROP TRIGGER IF EXISTS executions_record_subjects ON executions')
    this.schema.raw('DROP FUNCTION IF EXISTS record_execution_step_subjects()')
    this.schema.raw('DROP FUNCTION IF EXISTS record_execution_input_subjects()')
    this.schema.raw('DROP FUNCTION IF EXISTS execution_subject_id(jsonb)')
    this.schema.raw('DROP INDEX IF EXISTS executions_trigger_type_idx')
    this.schema.raw('DROP INDEX IF EXISTS executions_error_category_idx')
    this.schema.raw('DROP INDEX IF EXISTS executions_tenant_created_idx')
    this.schema.raw('DROP INDEX IF EXISTS executions_tenant_duration_idx')
    this.schema.raw('DROP INDEX IF EXISTS executions_tenant_id_idx')
    this.schema.raw('DROP INDEX IF EXISTS execution_steps_search_idx')
    this.schema.raw('DROP INDEX IF EXISTS executions_search_idx')
    this.schema.raw('DROP FUNCTION IF EXISTS execution_search_document(jsonb, jsonb, jsonb)')
    this.schema.dropTable('execution_subjects')
  }
}
