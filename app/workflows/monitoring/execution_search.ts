/**
 * The executions list: filters, payload text search and keyset pagination over `executions`.
 *
 * Keyset, not OFFSET: each page continues strictly after the last row of the previous one using an
 * index that starts with (tenant_id, <sort key>, id), so page 40,000 costs the same as page 1 (see
 * bench/executions_search.ts). Newest/oldest order by (created_at, id); sorts by duration only
 * consider finished executions. Cursors carry the sort key as PostgreSQL text (microseconds kept).
 */
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type {
  ExecutionListItem,
  ExecutionPage,
  SubjectView,
} from '#workflows/monitoring/view_types'

export const EXECUTION_SORTS = ['newest', 'oldest', 'slowest', 'fastest'] as const
export type ExecutionSort = (typeof EXECUTION_SORTS)[number]

export interface ExecutionFilters {
  workflowId?: number
  statuses?: string[]
  triggerType?: string
  /** created_at >= from, created_at < to (ISO timestamps). */
  from?: string
  to?: string
  minDurationMs?: number
  maxDurationMs?: number
  errorCategory?: string
  entityType?: string
  entityId?: string
  /** Words searched inside input, output and error of the execution and of its steps. */
  text?: string
  sort?: ExecutionSort
  cursor?: string
  limit?: number
}

const DURATION = '(e.finished_at - e.started_at)'
const DOCUMENT = (alias: string) =>
  `execution_search_document(${alias}.input, ${alias}.output, ${alias}.error)`

/**
 * Prefix match of every word of the text, tokenised exactly as the index tokenised payloads.
 * Computed in its own round trip so the list query gets a constant: the planner then estimates
 * how many rows match from the index statistics (a rare word is read through the GIN index, a
 * common one by walking the id order), instead of guessing 0.5% for a subquery.
 */
async function textQuery(text: string): Promise<string | null> {
  const result = await db.rawQuery(
    `SELECT to_tsquery('simple', string_agg(quote_literal(word) || ':*', ' & '))::text AS q
     FROM unnest(tsvector_to_array(to_tsvector('simple', ?))) AS word`,
    [text]
  )
  return result.rows[0]?.q || null
}

type Cursor = [string | number, number]

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      (typeof value[0] === 'string' || typeof value[0] === 'number') &&
      Number.isSafeInteger(value[1])
    ) {
      return value as Cursor
    }
  } catch {}
  return null
}

function applyFilters(
  query: DatabaseQueryBuilderContract,
  tenantId: number,
  f: ExecutionFilters,
  tsquery: string | null
) {
  if (f.workflowId) query.where('e.workflow_id', f.workflowId)
  if (f.statuses?.length) query.whereIn('e.status', f.statuses)
  if (f.triggerType) query.where('e.trigger_type', f.triggerType)
  if (f.from) query.where('e.created_at', '>=', f.from)
  if (f.to) query.where('e.created_at', '<', f.to)
  if (f.minDurationMs !== undefined) {
    query.whereRaw(`${DURATION} >= ? * interval '1 millisecond'`, [f.minDurationMs])
  }
  if (f.maxDurationMs !== undefined) {
    query.whereRaw(`${DURATION} <= ? * interval '1 millisecond'`, [f.maxDurationMs])
  }
  if (f.errorCategory) {
    query.whereNotNull('e.error').whereRaw(`e.error->>'category' = ?`, [f.errorCategory])
  }
  if (f.entityType && f.entityId) {
    query.whereIn(
      'e.id',
      db
        .from('execution_subjects')
        .where('tenant_id', tenantId)
        .where('entity_type', f.entityType)
        .where('entity_id', f.entityId)
        .select('execution_id')
    )
  }
  if (tsquery) {
    query.whereRaw(
      `e.id IN (
        SELECT x.id FROM executions x
         WHERE x.tenant_id = ? AND ${DOCUMENT('x')} @@ ?::tsquery
        UNION
        SELECT s.execution_id FROM execution_steps s
         WHERE s.tenant_id = ? AND ${DOCUMENT('s')} @@ ?::tsquery)`,
      [tenantId, tsquery, tenantId, tsquery]
    )
  }
}

/** Sort key of each order: creation time (newest/oldest) or duration (slowest/fastest). */
const SORT_KEY: Record<ExecutionSort, { expression: string; cast: string; descending: boolean }> = {
  newest: { expression: 'e.created_at', cast: 'timestamptz', descending: true },
  oldest: { expression: 'e.created_at', cast: 'timestamptz', descending: false },
  slowest: { expression: DURATION, cast: 'interval', descending: true },
  fastest: { expression: DURATION, cast: 'interval', descending: false },
}

/** Rows strictly after the cursor (sort key as text, with microseconds, then id). */
function applyKeyset(query: DatabaseQueryBuilderContract, sort: ExecutionSort, cursor: Cursor) {
  const [value, id] = cursor
  const { expression, cast, descending } = SORT_KEY[sort]
  query.whereRaw(`(${expression}, e.id) ${descending ? '<' : '>'} (?::${cast}, ?)`, [
    String(value),
    id,
  ])
}

function applyOrder(query: DatabaseQueryBuilderContract, sort: ExecutionSort) {
  const { expression, descending } = SORT_KEY[sort]
  const direction = descending ? 'DESC' : 'ASC'
  if (expression === DURATION) query.whereNotNull('e.finished_at').whereNotNull('e.started_at')
  query.orderByRaw(`${expression} ${direction}, e.id ${direction}`)
}

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null)

/** One page of a tenant's executions matching `filters`. */
export async function searchExecutions(
  tenantId: number,
  filters: ExecutionFilters
): Promise<ExecutionPage> {
  const sort = filters.sort ?? 'newest'
  const limit = Math.min(Math.max(filters.limit ?? 25, 1), 100)
  const text = filters.text?.trim()
  const tsquery = text ? await textQuery(text) : null
  // Only punctuation: nothing can match.
  if (text && !tsquery) return { data: [], nextCursor: null }
  const query = db
    .from('executions as e')
    .join('workflows as w', 'w.id', 'e.workflow_id')
    .leftJoin('workflow_versions as v', 'v.id', 'e.version_id')
    .where('e.tenant_id', tenantId)
    .select(
      'e.id',
      'e.workflow_id',
      'w.name as workflow_name',
      'v.number as version_number',
      'e.status',
      'e.trigger_type',
      'e.priority',
      'e.created_at',
      'e.started_at',
      'e.finished_at'
    )
    .select(
      db.raw(`${DURATION}::text as duration_key`),
      db.raw(`e.created_at::text as created_key`),
      db.raw(`(extract(epoch from ${DURATION}) * 1000)::bigint as duration_ms`),
      db.raw(`e.error->>'category' as error_category`),
      db.raw(`left(e.error->>'message', 300) as error_message`)
    )
    .limit(limit + 1)
  applyFilters(query, tenantId, filters, tsquery)
  const cursor = decodeCursor(filters.cursor)
  if (cursor) applyKeyset(query, sort, cursor)
  applyOrder(query, sort)

  const rows = await query
  const more = rows.length > limit
  const pageRows = more ? rows.slice(0, limit) : rows
  const subjects = await subjectsOf(
    tenantId,
    pageRows.map((row) => Number(row.id))
  )
  const data = pageRows.map((row): ExecutionListItem => ({
    id: Number(row.id),
    workflowId: Number(row.workflow_id),
    workflowName: row.workflow_name as string,
    versionNumber: row.version_number === null ? null : Number(row.version_number),
    status: row.status as string,
    triggerType: row.trigger_type as string,
    priority: row.priority as string,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    errorCategory: (row.error_category as string | null) ?? null,
    errorMessage: (row.error_message as string | null) ?? null,
    subjects: subjects.get(Number(row.id)) ?? [],
  }))
  const last = pageRows.at(-1)
  const nextCursor =
    more && last
      ? encodeCursor([
          sort === 'newest' || sort === 'oldest'
            ? String(last.created_key)
            : String(last.duration_key),
          Number(last.id),
        ])
      : null
  return { data, nextCursor }
}

/** Records each execution touched, for the list's "related to" column. */
export async function subjectsOf(tenantId: number, executionIds: number[]) {
  const map = new Map<number, SubjectView[]>()
  if (executionIds.length === 0) return map
  const rows = await db
    .from('execution_subjects')
    .where('tenant_id', tenantId)
    .whereIn('execution_id', executionIds)
    .orderBy('id')
    .select('execution_id', 'entity_type', 'entity_id', 'role')
  for (const row of rows) {
    const list = map.get(Number(row.execution_id)) ?? []
    list.push({ entityType: row.entity_type, entityId: row.entity_id, role: row.role })
    map.set(Number(row.execution_id), list)
  }
  return map
}
