/**
 * Telling people about a failure that nobody handled (issue 5):
 * - the workflow owner gets an in-app notification (the bell, pushed live) and an email;
 * - the workflow's designated error workflow (`reliability.errorWorkflowId`) is started with
 *   the failure as input (trigger type `error`; a failing error workflow never starts another,
 *   so failures cannot loop).
 * Both are keyed by the dead letter's (re)open time, so a re-run of the hook does not repeat
 * them, while a retried execution that fails again notifies again.
 */
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { notifyMembers } from '#workflows/services/notification_service'
import { startExecution } from '#workflows/services/execution_service'
import { workflowReliability } from '#workflows/reliability/workflow_settings'
import type { FailedExecution } from '#workflows/reliability/failure_handling'

export const ERROR_TRIGGER_TYPE = 'error'

/** Emails in flight (tests wait for them; shutdown could too). */
export const pendingEmails = new Set<Promise<unknown>>()

export interface FailureSummary {
  executionId: number
  workflowId: number
  workflowName: string
  nodeId: string | null
  category: string
  message: string
  input: unknown
  link: string
}

export async function notifyFailure(execution: FailedExecution, error: Record<string, unknown>) {
  const row = await db
    .from('executions as e')
    .join('workflows as w', 'w.id', 'e.workflow_id')
    .leftJoin('users as u', 'u.id', 'w.owner_id')
    .leftJoin('workflow_dead_letters as d', 'd.execution_id', 'e.id')
    .where('e.id', execution.id)
    .select(
      'e.trigger_type',
      'e.input',
      'w.name',
      'w.owner_id',
      'u.email',
      'u.full_name',
      'd.created_at as dead_at'
    )
    .first()
  if (!row) return
  const settings = await workflowReliability(execution.workflowId)
  const key = `failure:${execution.id}:${row.dead_at ? new Date(row.dead_at).getTime() : 0}`
  const summary: FailureSummary = {
    executionId: execution.id,
    workflowId: execution.workflowId,
    workflowName: row.name,
    nodeId: typeof error.nodeId === 'string' ? error.nodeId : null,
    category: typeof error.category === 'string' ? error.category : 'internal',
    message: typeof error.message === 'string' ? error.message : 'The execution failed',
    input: row.input,
    link: `/executions/${execution.id}`,
  }

  if (settings.notifyOwner !== false && row.owner_id) {
    const { delivered } = await notifyMembers({
      tenantId: execution.tenantId,
      userIds: [Number(row.owner_id)],
      title: `Workflow "${summary.workflowName}" failed`,
      body: `${summary.nodeId ? `Step ${summary.nodeId}: ` : ''}${summary.message} (${summary.category})`,
      link: summary.link,
      level: 'error',
      executionId: execution.id,
      dedupeKey: key,
    })
    if (delivered > 0 && row.email) sendEmail(row.email, row.full_name, summary)
  }

  const errorWorkflowId = Number(settings.errorWorkflowId)
  if (
    errorWorkflowId &&
    errorWorkflowId !== execution.workflowId &&
    row.trigger_type !== ERROR_TRIGGER_TYPE
  ) {
    await startErrorWorkflow(execution.tenantId, errorWorkflowId, summary, key)
  }
}

function sendEmail(to: string, name: string | null, summary: FailureSummary) {
  const appUrl = process.env.APP_URL ?? ''
  const sending = mail
    .send((message) => {
      message
        .to(to, name ?? undefined)
        .subject(`Workflow "${summary.workflowName}" failed`)
        .text(
          [
            `Execution ${summary.executionId} of "${summary.workflowName}" failed and was moved to the dead-letter queue.`,
            '',
            `Step: ${summary.nodeId ?? '-'}`,
            `Category: ${summary.category}`,
            `Error: ${summary.message}`,
            '',
            `Open it: ${appUrl}${summary.link}`,
          ].join('\n')
        )
    })
    // Info, not warn: an unreachable mail server must not flood logs on every failed run.
    .catch((failure) => logger.info({ err: failure }, 'failure email not sent'))
  pendingEmails.add(sending)
  void sending.finally(() => pendingEmails.delete(sending))
}

async function startErrorWorkflow(
  tenantId: number,
  workflowId: number,
  summary: FailureSummary,
  key: string
) {
  const target = await db
    .from('workflows')
    .where({ id: workflowId, tenant_id: tenantId })
    .whereNotNull('active_version_id')
    .whereNot('status', 'archived')
    .first()
  if (!target) {
    logger.warn({ workflowId }, 'error workflow is missing or not published')
    return
  }
  await startExecution({
    tenantId,
    workflowId,
    versionId: Number(target.active_version_id),
    triggerType: ERROR_TRIGGER_TYPE,
    triggerKey: key,
    priority: target.priority,
    input: { failure: summary },
  })
}
