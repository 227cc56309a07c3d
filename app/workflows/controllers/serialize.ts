/** JSON shapes of the workflow API (explicit, so internals such as leases never leak). */
import type Workflow from '#workflows/models/workflow'
import type WorkflowVersion from '#workflows/models/workflow_version'
import type Execution from '#workflows/models/execution'
import type ExecutionStep from '#workflows/models/execution_step'
import type Notification from '#workflows/models/notification'
import { triggerNodeOf } from '#workflows/services/workflow_service'

export function workflowJson(workflow: Workflow, options: { graph?: boolean } = {}) {
  const trigger = triggerNodeOf(workflow.draftGraph)
  return {
    id: workflow.id,
    name: workflow.name,
    description: workflow.description,
    status: workflow.status,
    priority: workflow.priority,
    tags: workflow.tags ?? [],
    ownerId: workflow.ownerId,
    activeVersionId: workflow.activeVersionId,
    latestVersionNumber: workflow.latestVersionNumber,
    triggerType: trigger?.type ?? null,
    nodeTypes: [...new Set(workflow.draftGraph.nodes.map((node) => node.type))],
    webhookPath: `/api/v1/hooks/${workflow.id}/`,
    createdAt: workflow.createdAt.toISO(),
    updatedAt: workflow.updatedAt.toISO(),
    ...(options.graph ? { draftGraph: workflow.draftGraph } : {}),
  }
}

export function versionJson(version: WorkflowVersion, options: { graph?: boolean } = {}) {
  return {
    id: version.id,
    workflowId: version.workflowId,
    number: version.number,
    checksum: version.checksum,
    triggerType: version.triggerType,
    authorId: version.authorId,
    note: version.note,
    createdAt: version.createdAt.toISO(),
    ...(options.graph ? { graph: version.graph } : {}),
  }
}

export function executionJson(execution: Execution) {
  return {
    id: execution.id,
    workflowId: execution.workflowId,
    versionId: execution.versionId,
    status: execution.status,
    triggerType: execution.triggerType,
    priority: execution.priority,
    input: execution.input,
    output: execution.output,
    error: execution.error,
    startedBy: execution.startedBy,
    createdAt: execution.createdAt.toISO(),
    startedAt: execution.startedAt?.toISO() ?? null,
    finishedAt: execution.finishedAt?.toISO() ?? null,
    durationMs:
      execution.finishedAt && execution.startedAt
        ? execution.finishedAt.toMillis() - execution.startedAt.toMillis()
        : null,
  }
}

export function stepJson(step: ExecutionStep) {
  return {
    id: step.id,
    nodeId: step.nodeId,
    nodeType: step.nodeType,
    scopeKey: step.scopeKey,
    status: step.status,
    attempt: step.attempt,
    input: step.input,
    output: step.output,
    port: step.port,
    error: step.error,
    startedAt: step.startedAt?.toISO() ?? null,
    finishedAt: step.finishedAt?.toISO() ?? null,
    durationMs: step.durationMs,
  }
}

export function notificationJson(notification: Notification) {
  return {
    id: notification.id,
    title: notification.title,
    body: notification.body,
    link: notification.link,
    level: notification.level,
    executionId: notification.executionId,
    readAt: notification.readAt?.toISO() ?? null,
    createdAt: notification.createdAt.toISO(),
  }
}

export function pageMeta(paginator: {
  total: number
  perPage: number
  currentPage: number
  lastPage: number
}) {
  return {
    total: paginator.total,
    perPage: paginator.perPage,
    currentPage: paginator.currentPage,
    lastPage: paginator.lastPage,
  }
}
