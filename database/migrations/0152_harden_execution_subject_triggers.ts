import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The subject triggers of 0150 run inside the runtime's own inserts, so they must never make one
 * fail: record ids come only from keys short enough for `entity_type`, and a version graph without
 * a node array is ignored instead of raising. (Same functions otherwise; down restores 0150's.)
 */
const INPUT_SUBJECTS = (guarded: boolean) => `
  CREATE OR REPLACE FUNCTION record_execution_input_subjects() RETURNS trigger
  LANGUAGE plpgsql AS $$
  DECLARE
    kind text;
    ident text;
    item record;
  BEGIN
    IF jsonb_typeof(NEW.input) <> 'object' THEN
      RETURN NEW;
    END IF;
    kind := coalesce(NEW.input->>'aggregateType', NEW.input->>'entityType');
    ident := coalesce(
      execution_subject_id(NEW.input->'aggregateId'),
      execution_subject_id(NEW.input->'entityId'),
      execution_subject_id(NEW.input#>'{payload,entity,id}'),
      execution_subject_id(NEW.input#>'{entity,id}'));
    IF kind ~ '^[a-z][a-z0-9_]{0,63}$' AND ident IS NOT NULL THEN
      INSERT INTO execution_subjects (tenant_id, execution_id, entity_type, entity_id, role)
      VALUES (NEW.tenant_id, NEW.id, kind, ident,
              CASE WHEN NEW.trigger_type = 'manual' THEN 'input' ELSE 'trigger' END)
      ON CONFLICT DO NOTHING;
    END IF;
    FOR item IN
      SELECT lower(regexp_replace(m[1], '([a-z0-9])([A-Z])', '\\1_\\2', 'g')) AS entity_type,
             execution_subject_id(value) AS entity_id
      FROM jsonb_each(NEW.input) AS e(key, value),
           regexp_match(key, '^([a-zA-Z][a-zA-Z0-9]*)(_id|Id)$') AS m
      WHERE m IS NOT NULL AND key NOT IN ('entityId', 'aggregateId', 'eventId')
        ${guarded ? 'AND length(m[1]) <= 40' : ''}
    LOOP
      IF item.entity_id IS NOT NULL ${guarded ? "AND item.entity_type ~ '^[a-z][a-z0-9_]{0,63}$'" : ''} THEN
        INSERT INTO execution_subjects (tenant_id, execution_id, entity_type, entity_id, role)
        VALUES (NEW.tenant_id, NEW.id, item.entity_type, item.entity_id, 'input')
        ON CONFLICT DO NOTHING;
      END IF;
    END LOOP;
    RETURN NEW;
  END
  $$`

const STEP_SUBJECTS = (guarded: boolean) => `
  CREATE OR REPLACE FUNCTION record_execution_step_subjects() RETURNS trigger
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
    CROSS JOIN LATERAL jsonb_array_elements(
      ${guarded ? "CASE WHEN jsonb_typeof(v.graph->'nodes') = 'array' THEN v.graph->'nodes' ELSE '[]'::jsonb END" : "v.graph->'nodes'"}
    ) AS node
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
  $$`

export default class extends BaseSchema {
  async up() {
    this.schema.raw(INPUT_SUBJECTS(true))
    this.schema.raw(STEP_SUBJECTS(true))
  }

  async down() {
    this.schema.raw(INPUT_SUBJECTS(false))
    this.schema.raw(STEP_SUBJECTS(false))
  }
}
