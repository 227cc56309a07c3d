import type { HttpContext } from '@adonisjs/core/http'
import type { JSONDataTypes } from '@adonisjs/core/types/transformers'
import db from '@adonisjs/lucid/services/db'
import { errors as lucidErrors } from '@adonisjs/lucid'
import { atLeast } from '#core/abilities'
import { roleAtLeast, type Role } from '#core/roles'
import { entityRegistry } from '#core/entities/registry'
import { nodeRegistry } from '#workflows/nodes/registry'
import { tagsFromQuery } from '#workflows/engine/workflow_tags'
import {
  knownTriggerType,
  tenantTags,
  triggerTypeOptions,
  whereHasAnyTag,
  whereHasTriggerType,
  whereMatchesText,
} from '#workflows/services/workflow_filters'

const PER_PAGE = 20
const STATUSES = ['draft', 'active', 'paused', 'archived']
const SORTS: Record<string, [string, 'asc' | 'desc']> = {
  updated: ['updated_at', 'desc'],
  name: ['name', 'asc'],
  created: ['created_at', 'desc'],
}

/**
 * Node types and entity definitions are plain JSON at run time (that is what the public lists
 * are for), but their TS types (TypeBox schemas, interfaces) do not prove it to Inertia's
 * JSON-only prop check.
 */
function asJson<T>(value: T): JSONDataTypes {
  return value as unknown as JSONDataTypes
}

function triggerTypes() {
  return new Set(
    nodeRegistry
      .publicList()
      .filter((t) => t.category === 'trigger')
      .map((t) => t.type)
  )
}

/**
 * Inertia pages of the workflow module: the list (/workflows) and the builder (/workflows/:id).
 * Writes go through the JSON API (/api/v1/workflows…), which the pages call.
 */
export default class WorkflowPagesController {
  /**
   * Paginated, searchable list: name, description, tag, trigger type or node type used; filters
   * by status, trigger type and tags (any of them), all kept in the query string.
   */
  async index({ inertia, request, bouncer, tenant, membership }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const q = String(request.input('q', '')).trim().slice(0, 100)
    const status = STATUSES.includes(request.input('status')) ? request.input('status') : null
    const trigger = knownTriggerType(request.input('trigger'))
    const tags = tagsFromQuery(request.input('tags'))
    const [sortColumn, sortDirection] = SORTS[request.input('sort')] ?? SORTS.updated
    const page = Math.max(1, Number(request.input('page', 1)) || 1)

    const query = db
      .from('workflows')
      .where('tenant_id', tenant.id)
      .select('id', 'name', 'description', 'status', 'tags', 'latest_version_number', 'updated_at')
      .select(db.raw(`jsonb_path_query_array(draft_graph, '$.nodes[*].type') as node_types`))
      .orderBy(sortColumn, sortDirection)
      .orderBy('id', 'desc')
    if (status) query.where('status', status)
    else query.whereNot('status', 'archived')
    if (trigger) whereHasTriggerType(query, [trigger])
    if (tags.length) whereHasAnyTag(query, tags)
    if (q) whereMatchesText(query, q)
    const [result, tagOptions] = await Promise.all([
      query.paginate(page, PER_PAGE),
      tenantTags(tenant.id),
    ])
    const triggers = triggerTypes()
    const labels = new Map(nodeRegistry.publicList().map((t) => [t.type, t.label]))
    const rows = result.all().map((row) => {
      const types: string[] = Array.isArray(row.node_types) ? row.node_types : []
      const triggerType = types.find((t) => triggers.has(t)) ?? null
      return {
        id: Number(row.id),
        name: row.name as string,
        description: (row.description as string | null) ?? null,
        status: row.status as string,
        tags: Array.isArray(row.tags) ? (row.tags as string[]) : [],
        latestVersion: Number(row.latest_version_number) || null,
        trigger: triggerType ? (labels.get(triggerType) ?? triggerType) : null,
        nodeCount: types.length,
        updatedAt: new Date(row.updated_at).toISOString(),
      }
    })

    return inertia.render('workflows/index', {
      workflows: rows,
      meta: {
        total: result.total,
        page: result.currentPage,
        perPage: PER_PAGE,
        lastPage: result.lastPage,
      },
      filters: {
        q,
        status: status ?? '',
        sort: request.input('sort') ?? 'updated',
        trigger: trigger ?? '',
        tags,
      },
      triggerOptions: triggerTypeOptions(),
      tagOptions,
      canEdit: roleAtLeast(membership.role as Role, 'builder'),
    })
  }

  /** The builder: draft graph, versions, public node types and entity definitions. */
  async show({ inertia, params, bouncer, tenant, membership }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const id = Number(params.id)
    const workflow = Number.isSafeInteger(id)
      ? await db.from('workflows').where('tenant_id', tenant.id).where('id', id).first()
      : null
    if (!workflow) throw new lucidErrors.E_ROW_NOT_FOUND()
    const versions = await db
      .from('workflow_versions')
      .where('tenant_id', tenant.id)
      .where('workflow_id', id)
      .select('id', 'number', 'note', 'created_at')
      .orderBy('number', 'desc')
      .limit(50)

    return inertia.render('workflows/builder', {
      workflow: {
        id: Number(workflow.id),
        name: workflow.name as string,
        description: (workflow.description as string | null) ?? null,
        status: workflow.status as string,
        draftGraph: workflow.draft_graph,
      },
      versions: versions.map((v) => ({
        id: Number(v.id),
        number: Number(v.number),
        note: (v.note as string | null) ?? null,
        createdAt: new Date(v.created_at).toISOString(),
      })),
      nodeTypes: nodeRegistry.publicList().map(asJson),
      entities: entityRegistry.publicList().map(asJson),
      canEdit: roleAtLeast(membership.role as Role, 'builder'),
    })
  }
}
