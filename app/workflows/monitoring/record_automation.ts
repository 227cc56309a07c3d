/**
 * The Automation tab of a record page (invoice, deal, ...): the workflows whose trigger reacts to
 * events of this entity type, the manual workflows that take such a record as input, and the
 * executions that touched this very record (execution_subjects).
 *
 * A manual workflow "takes a record as input" when its manual trigger's form has a field keyed
 * `<entity>Id` or `<entity>_id` (e.g. `invoiceId`); running it from the tab fills that field.
 */
import db from '@adonisjs/lucid/services/db'
import { DOMAIN_EVENT_CATALOG, isDomainEventType } from '#core/events/catalog'
import type { GraphNode, WorkflowGraph } from '#workflows/engine/graph'
import { nodeRegistry } from '#workflows/nodes/registry'
import type { ManualField } from '#workflows/nodes/triggers/manual'
import { searchExecutions } from '#workflows/monitoring/execution_search'
import type { ExecutionListItem } from '#workflows/monitoring/view_types'

export interface TriggeredWorkflow {
  id: number
  name: string
  status: string
  /** Published and switched on: new events start it. */
  active: boolean
  hasVersion: boolean
  trigger: string
  events: string[]
}

export interface ManualWorkflow {
  id: number
  name: string
  status: string
  runnable: boolean
  /** The form field that receives the record id. */
  entityField: string
  fields: ManualField[]
}

export interface RecordAutomation {
  entityType: string
  entityId: string
  workflows: TriggeredWorkflow[]
  manualWorkflows: ManualWorkflow[]
  executions: ExecutionListItem[]
}

function entityOfEvent(type: string): string | null {
  return isDomainEventType(type) ? DOMAIN_EVENT_CATALOG[type].entity : null
}

function triggerNodes(graph: WorkflowGraph | null): GraphNode[] {
  const nodes = Array.isArray(graph?.nodes) ? graph.nodes : []
  return nodes.filter((node) => nodeRegistry.get(node.type)?.category === 'trigger')
}

/** Field keys that carry a record id of `entityType` (invoice → invoiceId, invoice_id). */
export function entityFieldKeys(entityType: string): string[] {
  const camel = entityType.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
  return [`${camel}Id`, `${entityType}_id`]
}

export async function recordAutomation(
  tenantId: number,
  entityType: string,
  entityId: string
): Promise<RecordAutomation> {
  // The graph that decides what starts is the active version's; drafts only show intent.
  const rows = await db
    .from('workflows as w')
    .leftJoin('workflow_versions as v', 'v.id', 'w.active_version_id')
    .where('w.tenant_id', tenantId)
    .whereNot('w.status', 'archived')
    .select('w.id', 'w.name', 'w.status', 'w.active_version_id')
    .select(db.raw('coalesce(v.graph, w.draft_graph) as graph'))
    .orderBy('w.name')
    .limit(500)

  const workflows: TriggeredWorkflow[] = []
  const manualWorkflows: ManualWorkflow[] = []
  const keys = entityFieldKeys(entityType)
  for (const row of rows) {
    const hasVersion = row.active_version_id !== null
    for (const node of triggerNodes(row.graph as WorkflowGraph)) {
      const definition = nodeRegistry.get(node.type)!
      const kind = definition.trigger?.kind
      if (kind === 'event') {
        const events = (definition.trigger?.events?.(node.config as never) ?? []).filter(
          (type) => entityOfEvent(type) === entityType
        )
        if (events.length === 0) continue
        workflows.push({
          id: Number(row.id),
          name: row.name,
          status: row.status,
          active: hasVersion && row.status === 'active',
          hasVersion,
          trigger: definition.label,
          events,
        })
        break
      }
      if (kind === 'manual') {
        const fields = ((node.config as { fields?: ManualField[] })?.fields ?? []).filter(
          (f) => f && typeof f.key === 'string'
        )
        const entityField = fields.find((f) => keys.includes(f.key))
        if (!entityField) continue
        manualWorkflows.push({
          id: Number(row.id),
          name: row.name,
          status: row.status,
          runnable: hasVersion,
          entityField: entityField.key,
          fields,
        })
        break
      }
    }
  }

  const executions = await recordExecutions(tenantId, entityType, entityId)
  return { entityType, entityId, workflows, manualWorkflows, executions }
}

/** The latest executions that touched the record (triggered by it, took it as input, changed it). */
export async function recordExecutions(tenantId: number, entityType: string, entityId: string) {
  const { data } = await searchExecutions(tenantId, { entityType, entityId, limit: 20 })
  return data
}
