/**
 * Version history, diff and rollback of one workflow (issue 8). Versions are immutable; a
 * rollback publishes an earlier version's graph as a NEW latest version (note "Rollback to vN"),
 * so history only grows and executions that are running keep the version they pinned.
 */
import db from '@adonisjs/lucid/services/db'
import Workflow from '#workflows/models/workflow'
import WorkflowVersion from '#workflows/models/workflow_version'
import { WorkflowError } from '#workflows/services/workflow_error'
import { graphChecksum, triggerNodeOf, workflowService } from '#workflows/services/workflow_service'
import { triggerIndex } from '#workflows/triggers/trigger_index'
import { diffGraphs, nodeStatuses } from '#workflows/versions/graph_diff'
import { assertNoCallCycle } from '#workflows/versions/subflows/call_graph'

export interface VersionEntry {
  id: number
  number: number
  note: string | null
  authorId: number | null
  authorName: string | null
  createdAt: string
  checksum: string
  isActive: boolean
  nodeCount: number
  executions: number
}

export async function listVersions(workflow: Workflow): Promise<VersionEntry[]> {
  const rows = await db
    .from('workflow_versions as v')
    .leftJoin('users as u', 'u.id', 'v.author_id')
    .where('v.workflow_id', workflow.id)
    .where('v.tenant_id', workflow.tenantId)
    .orderBy('v.number', 'desc')
    .select(
      'v.id',
      'v.number',
      'v.note',
      'v.author_id',
      'v.created_at',
      'v.checksum',
      'u.full_name',
      'u.email',
      db.raw(`jsonb_array_length(coalesce(v.graph->'nodes', '[]'::jsonb)) AS node_count`),
      db.raw(
        `(SELECT count(*) FROM executions e WHERE e.version_id = v.id AND e.tenant_id = v.tenant_id)::int AS executions`
      )
    )
  return rows.map((row: any) => ({
    id: Number(row.id),
    number: Number(row.number),
    note: row.note,
    authorId: row.author_id === null ? null : Number(row.author_id),
    authorName: row.full_name || row.email || null,
    createdAt: new Date(row.created_at).toISOString(),
    checksum: row.checksum,
    isActive: Number(row.id) === workflow.activeVersionId,
    nodeCount: Number(row.node_count),
    executions: Number(row.executions),
  }))
}

export async function findVersionOrFail(workflow: Workflow, number: number) {
  const version = await WorkflowVersion.query()
    .where('workflow_id', workflow.id)
    .where('tenant_id', workflow.tenantId)
    .where('number', number)
    .first()
  if (!version) {
    throw new WorkflowError(`Version ${number} of this workflow does not exist`, [], {
      status: 404,
      code: 'E_VERSION_NOT_FOUND',
    })
  }
  return version
}

/** Diff between two published versions (`from` → `to`), plus what the canvas needs to draw it. */
export async function diffVersions(workflow: Workflow, fromNumber: number, toNumber: number) {
  const [from, to] = await Promise.all([
    findVersionOrFail(workflow, fromNumber),
    findVersionOrFail(workflow, toNumber),
  ])
  const diff = diffGraphs(from.graph, to.graph)
  // The canvas shows `to` plus the removed nodes/edges of `from` as ghosts.
  const removedNodeIds = new Set(diff.nodes.removed.map((node) => node.id))
  const removedEdgeIds = new Set(diff.edges.removed.map((edge) => edge.id))
  const canvas = {
    nodes: [...to.graph.nodes, ...from.graph.nodes.filter((node) => removedNodeIds.has(node.id))],
    edges: [...to.graph.edges, ...from.graph.edges.filter((edge) => removedEdgeIds.has(edge.id))],
  }
  return {
    from: { number: from.number, checksum: from.checksum },
    to: { number: to.number, checksum: to.checksum },
    diff,
    canvas,
    nodeStatuses: nodeStatuses(diff),
    edgeStatuses: Object.fromEntries([
      ...diff.edges.added.map((edge) => [edge.id, 'added'] as const),
      ...diff.edges.removed.map((edge) => [edge.id, 'removed'] as const),
      ...diff.edges.changed.map((edge) => [edge.id, 'changed'] as const),
    ]),
  }
}

/**
 * Publishes version `number`'s graph as the new latest version. The graph is validated against
 * today's node types (a node type may have changed since) and for sub-workflow call cycles.
 */
export async function rollbackToVersion(
  workflow: Workflow,
  number: number,
  authorId: number | null
) {
  const target = await findVersionOrFail(workflow, number)
  const issues = workflowService.validate(target.graph)
  if (issues.length) {
    throw new WorkflowError(
      `Version ${number} is no longer valid (${issues.length} problem(s)) and was not restored`,
      issues,
      { code: 'E_INVALID_WORKFLOW' }
    )
  }
  await assertNoCallCycle(workflow.tenantId, workflow.id, target.graph)
  const version = await db.transaction(async (trx) => {
    // Same lock as publishing: concurrent publishes/rollbacks get consecutive numbers.
    const locked = await Workflow.query({ client: trx })
      .where('id', workflow.id)
      .forUpdate()
      .firstOrFail()
    const created = await WorkflowVersion.create(
      {
        tenantId: locked.tenantId,
        workflowId: locked.id,
        number: locked.latestVersionNumber + 1,
        graph: target.graph,
        checksum: graphChecksum(target.graph),
        triggerType: triggerNodeOf(target.graph)?.type ?? null,
        authorId,
        note: `Rollback to v${target.number}`,
      },
      { client: trx }
    )
    locked.latestVersionNumber = created.number
    locked.activeVersionId = created.id
    if (locked.status === 'draft' || locked.status === 'archived') locked.status = 'active'
    await locked.save()
    return created
  })
  await workflow.refresh()
  await triggerIndex.invalidate(workflow.tenantId)
  return version
}
