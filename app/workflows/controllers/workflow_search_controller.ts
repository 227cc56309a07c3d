import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { atLeast } from '#core/abilities'
import { searchWorkflowsValidator } from '#workflows/validators/workflow_validators'
import {
  escapeLike,
  tenantTags,
  triggerTypeOptions,
  whereMatchesText,
} from '#workflows/services/workflow_filters'

const DEFAULT_LIMIT = 8

/**
 * Lookups behind the top-bar workflow search and the tag inputs (issue 6), for viewers and up:
 * GET /api/v1/workflows/search?q= (best matches first) and GET /api/v1/workflows/tags.
 */
export default class WorkflowSearchController {
  /**
   * Top matches by name, description, tag or trigger: names starting with the text first, then
   * names containing it, then the rest; archived workflows last; recently updated first within
   * each rank. Without text, the recently updated workflows.
   */
  async search({ request, tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    const { q = '', limit = DEFAULT_LIMIT } = await searchWorkflowsValidator.validate(request.qs())
    const query = db.from('workflows').where('tenant_id', tenant.id)
    if (q) whereMatchesText(query, q)
    else query.whereNot('status', 'archived')

    const startsWith = `${escapeLike(q)}%`
    const contains = `%${escapeLike(q)}%`
    const [rows, counted] = await Promise.all([
      query
        .clone()
        .select('id', 'name', 'description', 'status', 'tags', 'updated_at')
        .select(db.raw(`jsonb_path_query_array(draft_graph, '$.nodes[*].type') as node_types`))
        .orderByRaw(`(status = 'archived') asc`)
        .orderByRaw(`case when name ilike ? then 0 when name ilike ? then 1 else 2 end`, [
          startsWith,
          contains,
        ])
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit),
      query.clone().count('* as total').first(),
    ])

    const triggers = new Map(triggerTypeOptions().map((option) => [option.value, option.label]))
    return {
      data: rows.map((row) => {
        const types: string[] = Array.isArray(row.node_types) ? row.node_types : []
        const trigger = types.find((type) => triggers.has(type)) ?? null
        return {
          id: Number(row.id),
          name: row.name as string,
          description: (row.description as string | null) ?? null,
          status: row.status as string,
          tags: Array.isArray(row.tags) ? (row.tags as string[]) : [],
          trigger: trigger ? { type: trigger, label: triggers.get(trigger) ?? trigger } : null,
        }
      }),
      meta: { total: Number(counted?.total ?? 0), q },
    }
  }

  /** The tenant's distinct tags, alphabetically. */
  async tags({ tenant, bouncer }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    return { data: await tenantTags(tenant.id) }
  }
}
