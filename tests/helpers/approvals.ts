/**
 * Helpers for approval tests (functional and browser): the approval workflow they run, a worker
 * per test, the pending request of a run, deciding over the API, a fake clock for due dates and
 * reminders, and a local SMTP server that catches the approval e-mails.
 */
import type { Group } from '@japa/runner/core'
import type { ApiClient } from '@japa/api-client'
import type { BrowserContext } from 'playwright'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { SMTPTransport } from '@adonisjs/mail/transports/smtp'
import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import type User from '#core/models/user'
import { waitForDispatches } from '#core/events/outbox'
import type { WorkflowGraph } from '#workflows/engine/graph'
import type { WorkflowWorker } from '#workflows/runtime/worker'
import { pendingApprovalEmails } from '#workflows/approvals/approval_mail'
import { wakeExecution } from '#workflows/waits/event_waits'
import {
  closeWorkflowConnections,
  edge,
  eventually,
  node,
  resetWorkflowState,
  startWorker,
  waitForStatus,
} from '#tests/helpers/workflows'
import { baseUrl, signIn, subscribed } from '#tests/helpers/browser'

export type ApprovalPort = 'approved' | 'rejected' | 'timed_out'

/** The node each port of the approval leads to (tests check these step ids). */
const PORT_NODES: Record<ApprovalPort, string> = {
  approved: 'yes',
  rejected: 'no',
  timed_out: 'late',
}

/**
 * manual → `ask` (an approval node with `config`) → per port in `results`, a Set Variables node
 * (`yes`, `no`, `late`) setting `result`: the run's output tells which way the approval went.
 */
export function approvalGraph(
  config: Record<string, unknown>,
  results: Partial<Record<ApprovalPort, string>> = {
    approved: 'yes',
    rejected: 'no',
    timed_out: 'late',
  }
): WorkflowGraph {
  const outcomes = Object.entries(results) as Array<[ApprovalPort, string]>
  return {
    nodes: [
      node('start', 'manual'),
      node('ask', 'approval', config),
      ...outcomes.map(([port, result]) =>
        node(PORT_NODES[port], 'set_variables', { variables: { result } })
      ),
    ],
    edges: [
      edge('start', 'out', 'ask'),
      ...outcomes.map(([port]) => edge('ask', port, PORT_NODES[port])),
    ],
    variables: {},
  }
}

/**
 * Each test of `group` starts from an empty database, queues and caches with a worker running;
 * at its end the approval e-mails still being sent, the worker and the event dispatches finish.
 */
export function withApprovalWorker(group: Group) {
  let worker: WorkflowWorker | null = null
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    worker = await startWorker()
    return async () => {
      await Promise.allSettled([...pendingApprovalEmails])
      await worker?.stop()
      worker = null
      await waitForDispatches()
    }
  })
}

/** The request of approval node `nodeId` (its latest) once the run waits (a database row). */
export async function waitingRequest(executionId: number, nodeId = 'ask') {
  await waitForStatus(executionId, ['waiting'])
  return eventually(
    () =>
      db
        .from('approval_requests')
        .where({ execution_id: executionId, node_id: nodeId })
        .orderBy('id', 'desc')
        .first(),
    `the ${nodeId} request`
  )
}

/** POST /api/v1/approvals/:id/decide as `user` (body: decision, comment, formData…). */
export function postDecision(
  client: ApiClient,
  requestId: number | string,
  user: User,
  body: Record<string, unknown>
) {
  return client
    .post(`/api/v1/approvals/${requestId}/decide`)
    .json(body)
    .withCsrfToken()
    .loginAs(user)
}

/** Fake clock: the request's due date has passed and its delayed wake-up fires now. */
export async function passDueDate(executionId: number, requestId: number) {
  const request = await db.from('approval_requests').where('id', requestId).first()
  await db
    .from('approval_requests')
    .where('id', requestId)
    .update({ due_at: new Date(Date.now() - 1000) })
  await db
    .from('execution_waits')
    .where({ execution_id: executionId, node_id: request.node_id, status: 'pending' })
    .update({ resume_at: new Date() })
  await wakeExecution(executionId, `test-due-${requestId}-${Date.now()}`)
}

/** Fake clock: the request's next reminder is due and the delayed wake-up fires now. */
export async function passReminderTime(executionId: number, requestId: number) {
  await db
    .from('approval_requests')
    .where('id', requestId)
    .update({
      context: db.raw(`context || jsonb_build_object('nextReminderAt', ?::bigint)`, [
        Date.now() - 1,
      ]),
    })
  await db
    .from('execution_waits')
    .where('execution_id', executionId)
    .update({ resume_at: new Date() })
  await wakeExecution(executionId, `test-reminder-${requestId}-${Date.now()}`)
}

/**
 * A local SMTP server the `smtp` mailer sends to for the whole group; `received` holds the parsed
 * messages (emptied before each test).
 */
export function catchApprovalMail(group: Group) {
  const received: ParsedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => received.push(parsed))
        .finally(() => callback())
    },
  })
  const originalSmtp = mail.config.mailers.smtp
  group.setup(async () => {
    const port = await new Promise<number>((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve((server.server.address() as any).port))
    })
    ;(mail.config.mailers as any).smtp = () =>
      new SMTPTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true })
    await mail.close('smtp')
    return async () => {
      await Promise.allSettled([...pendingApprovalEmails])
      await mail.close('smtp')
      ;(mail.config.mailers as any).smtp = originalSmtp
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
  group.each.setup(() => {
    received.length = 0
  })
  return {
    received,
    /** The first message with `subject` (waits for it). */
    message: (subject: string) =>
      eventually(
        async () => received.find((m) => m.subject === subject),
        `the e-mail "${subject}"`
      ),
  }
}

/**
 * A signed-in page on the approval inbox, once it listens to the tenant's live approvals and
 * shows that nothing waits (requests created after this appear live).
 */
export async function openInbox(context: BrowserContext, user: User, tenantId: number) {
  const page = await context.newPage()
  await signIn(page, user.email)
  const listening = subscribed(page, `tenants/${tenantId}/approvals`)
  await page.goto(`${baseUrl()}/approvals`)
  await listening
  await page.getByText('Nothing waits for you').waitFor()
  return page
}
