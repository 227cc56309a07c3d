/**
 * Filters shared by the workflow list page and the top-bar search (issue 6): text search over
 * name, description, tags and node types, trigger type, and tags. The trigger type of a workflow
 * is the type of its draft graph's trigger node (what the list shows).
 */
import db from '@adonisjs/lucid/services/db'
import type { ChainableContract } from '@adonisjs/lucid/types/querybuilder'
import { nodeRegistry } from '#workflows/nodes/registry'

/** Most tags a tenant's filter offers (far above what people use; keeps the prop bounded). */
const MAX_TENANT_TAGS = 500

/** Trigger node types from the registry, as select options. */
export function triggerTypeOptions() {
  return nodeRegistry
    .publicList()
    .filter((type) => type.category === 'trigger')
    .map((type) => ({ value: type.type, label: type.label }))
}

/** The trigger type if the registry knows it as a trigger, else null (ignored filter). */
export function knownTriggerType(value: unknown): string | null {
  return triggerTypeOptions().some((option) => option.value === value) ? (value as string) : null
}

/** `text` with LIKE's wildcards escaped, to be wrapped in `%…%` or followed by `%`. */
export function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** Workflows whose draft graph has a node of one of these (trigger) types. */
export function whereHasTriggerType<Q extends ChainableContract>(query: Q, types: string[]): Q {
  return query.whereRaw(
    `exists (select 1 from jsonb_array_elements(draft_graph->'nodes') n where n->>'type' = any(?::text[]))`,
    [types]
  )
}

/** Workflows carrying any of these tags (GIN-indexed `&&`). */
export function whereHasAnyTag<Q extends ChainableContract>(query: Q, tags: string[]): Q {
  return query.whereRaw('tags && ?::text[]', [tags])
}

/**
 * Free text: name, description, a tag, a node type used (e.g. "http_request"), or the label of
 * its trigger type (e.g. "Schedule").
 */
export function whereMatchesText<Q extends ChainableContract>(query: Q, text: string): Q {
  const like = `%${escapeLike(text)}%`
  const needle = text.toLowerCase()
  const triggers = triggerTypeOptions()
    .filter((option) => option.label.toLowerCase().includes(needle))
    .map((option) => option.value)
  return query.where((w) => {
    w.whereILike('name', like)
      .orWhereILike('description', like)
      .orWhereRaw(`exists (select 1 from unnest(tags) t where t ilike ?)`, [like])
      .orWhereRaw(
        `exists (select 1 from jsonb_array_elements(draft_graph->'nodes') n where n->>'type' ilike ?)`,
        [like]
      )
    if (triggers.length) {
      w.orWhereRaw(
        `exists (select 1 from jsonb_array_elements(draft_graph->'nodes') n where n->>'type' = any(?::text[]))`,
        [triggers]
      )
    }
  })
}

/** The tenant's distinct tags, alphabetically (for the list filter and the tag input). */
export async function tenantTags(tenantId: number): Promise<string[]> {
  const rows = await db.rawQuery<{ rows: Array<{ tag: string }> }>(
    `select distinct t as tag from workflows, unnest(tags) t where tenant_id = ? order by t limit ?`,
    [tenantId, MAX_TENANT_TAGS]
  )
  return rows.rows.map((row) => row.tag)
}
