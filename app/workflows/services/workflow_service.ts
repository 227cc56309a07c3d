/**
 * Workflow definitions: create, edit the draft, validate, publish immutable versions, and the
 * status lifecycle (draft → active ⇄ paused → archived). Publishing and status changes invalidate
 * the trigger index in every process.
 */
import { createHash, randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { checkGraphShape, emptyGraph, type WorkflowGraph } from '#workflows/engine/graph'
import { validateGraph } from '#workflows/engine/validation'
import { normalizeTags } from '#workflows/engine/workflow_tags'
import { nodeRegistry } from '#workflows/nodes/registry'
import Workflow, { type Priority } from '#workflows/models/workflow'
import WorkflowVersion from '#workflows/models/workflow_version'
import { WorkflowError, type WorkflowIssue } from '#workflows/services/workflow_error'
import { triggerIndex } from '#workflows/triggers/trigger_index'
import { assertNoCallCycle } from '#workflows/versions/subflows/call_graph'

/** JSON with sorted keys: the same graph always hashes to the same checksum. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

export function graphChecksum(graph: WorkflowGraph) {
  return createHash('sha256').update(canonicalJson(graph)).digest('hex')
}

export function triggerNodeOf(graph: WorkflowGraph) {
  return graph.nodes.find((node) => nodeRegistry.get(node.type)?.category === 'trigger') ?? null
}

function toIssues(issues: ReturnType<typeof validateGraph>): WorkflowIssue[] {
  return issues.map((issue) => ({
    code: issue.code,
    message: issue.message,
    ...(issue.nodeId ? { nodeId: issue.nodeId } : {}),
    ...(issue.edgeId ? { edgeId: issue.edgeId } : {}),
    ...(issue.path ? { path: issue.path, field: issue.path } : {}),
  }))
}

export class WorkflowService {
  async create(
    tenantId: number,
    ownerId: number | null,
    data: {
      name: string
      description?: string | null
      priority?: Priority
      tags?: string[]
      graph?: unknown
    }
  ) {
    const graph = data.graph === undefined ? emptyGraph() : this.assertShape(data.graph)
    return Workflow.create({
      tenantId,
      ownerId,
      name: data.name,
      description: data.description ?? null,
      status: 'draft',
      draftGraph: graph,
      priority: data.priority ?? 'normal',
      tags: normalizeTags(data.tags ?? []),
      latestVersionNumber: 0,
      webhookToken: randomBytes(24).toString('base64url'),
    })
  }

  async update(
    workflow: Workflow,
    data: { name?: string; description?: string | null; priority?: Priority; tags?: string[] }
  ) {
    const { tags, ...fields } = data
    workflow.merge(fields)
    if (tags !== undefined) workflow.tags = normalizeTags(tags)
    await workflow.save()
    return workflow
  }

  /** Drafts may be incomplete, but must be a structurally valid graph. */
  async saveDraft(workflow: Workflow, graph: unknown) {
    workflow.draftGraph = this.assertShape(graph)
    await workflow.save()
    return workflow
  }

  validate(graph: unknown): WorkflowIssue[] {
    const shape = checkGraphShape(graph)
    if (shape.length) return toIssues(shape)
    return toIssues(validateGraph(graph as WorkflowGraph, nodeRegistry.publicList()))
  }

  /** Snapshots the draft as version N+1 and makes it the version new executions start on. */
  async publish(workflow: Workflow, authorId: number | null, note?: string | null) {
    const graph = workflow.draftGraph
    const issues = this.validate(graph)
    if (issues.length) {
      throw new WorkflowError(
        `The workflow has ${issues.length} problem(s) and was not published`,
        issues,
        { code: 'E_INVALID_WORKFLOW' }
      )
    }
    await assertNoCallCycle(workflow.tenantId, workflow.id, graph)
    const version = await db.transaction(async (trx) => {
      // Lock the workflow row: two publishes at once get consecutive numbers.
      const locked = await Workflow.query({ client: trx })
        .where('id', workflow.id)
        .forUpdate()
        .firstOrFail()
      const created = await WorkflowVersion.create(
        {
          tenantId: locked.tenantId,
          workflowId: locked.id,
          number: locked.latestVersionNumber + 1,
          graph,
          checksum: graphChecksum(graph),
          triggerType: triggerNodeOf(graph)?.type ?? null,
          authorId,
          note: note ?? null,
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

  async activate(workflow: Workflow) {
    if (!workflow.activeVersionId) {
      throw new WorkflowError('Publish the workflow before activating it', [], {
        code: 'E_NOT_PUBLISHED',
      })
    }
    return this.setStatus(workflow, 'active')
  }

  async pause(workflow: Workflow) {
    return this.setStatus(workflow, 'paused')
  }

  async archive(workflow: Workflow) {
    return this.setStatus(workflow, 'archived')
  }

  async destroy(workflow: Workflow) {
    await workflow.delete()
    await triggerIndex.invalidate(workflow.tenantId)
  }

  private async setStatus(workflow: Workflow, status: Workflow['status']) {
    workflow.status = status
    await workflow.save()
    await triggerIndex.invalidate(workflow.tenantId)
    return workflow
  }

  private assertShape(graph: unknown): WorkflowGraph {
    const issues = checkGraphShape(graph)
    if (issues.length) {
      throw new WorkflowError('The graph is not a valid workflow document', toIssues(issues), {
        code: 'E_INVALID_GRAPH',
      })
    }
    return graph as WorkflowGraph
  }
}

export const workflowService = new WorkflowService()
