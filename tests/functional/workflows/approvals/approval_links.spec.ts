import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { SMTPTransport } from '@adonisjs/mail/transports/smtp'
import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { inertiaPage } from '#tests/helpers/inertia'
import {
  closeWorkflowConnections,
  edge,
  eventually,
  node,
  publishedWorkflow,
  resetWorkflowState,
  startWorker,
  waitForStatus,
} from '#tests/helpers/workflows'
import { runManually } from '#workflows/services/execution_service'
import type { WorkflowWorker } from '#workflows/runtime/worker'
import { signDecisionLink } from '#workflows/approvals/signed_links'

async function smtpCatcher() {
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
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as any).port))
  })
  return { server, port, received }
}

const graph = (approverId: number) => ({
  nodes: [
    node('start', 'manual'),
    node('ask', 'approval', { title: 'Approve trip', approvers: { userIds: [approverId] } }),
    node('yes', 'set_variables', { variables: { result: 'yes' } }),
    node('no', 'set_variables', { variables: { result: 'no' } }),
  ],
  edges: [
    edge('start', 'out', 'ask'),
    edge('ask', 'approved', 'yes'),
    edge('ask', 'rejected', 'no'),
  ],
  variables: {},
})

test.group('Approval e-mails and signed one-time links', (group) => {
  let worker: WorkflowWorker | null = null
  let catcher: Awaited<ReturnType<typeof smtpCatcher>>
  const originalSmtp = mail.config.mailers.smtp
  group.setup(async () => {
    catcher = await smtpCatcher()
    ;(mail.config.mailers as any).smtp = () =>
      new SMTPTransport({ host: '127.0.0.1', port: catcher.port, secure: false, ignoreTLS: true })
    await mail.close('smtp')
    return async () => {
      await mail.close('smtp')
      ;(mail.config.mailers as any).smtp = originalSmtp
      await new Promise<void>((resolve) => catcher.server.close(() => resolve()))
    }
  })
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    catcher.received.length = 0
    worker = await startWorker()
    return async () => {
      await worker?.stop()
      worker = null
    }
  })

  test('the approver is e-mailed a signed link; it decides once and resumes the run', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const approver = await addMember(tenant, 'approver')
    const workflow = await publishedWorkflow(tenant.id, user.id, graph(approver.id))
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['waiting'])
    const message = await eventually(
      async () => catcher.received.find((m) => m.subject === 'Approval needed: Approve trip'),
      'the approval e-mail'
    )
    assert.equal((message.to as any).value[0].address, approver.email)
    const approveUrl = String(message.text).match(/Approve: (\S+)/)![1]
    const path = new URL(approveUrl).pathname

    // Opening the link (a GET, as mail scanners do) only shows the confirmation.
    const shown = await client.get(path)
    shown.assertStatus(200)
    const page = inertiaPage(shown)
    assert.equal(page.component, 'approvals/decide')
    assert.equal(page.props.decision, 'approved')
    assert.lengthOf(await db.from('approval_decisions'), 0)

    const confirmed = await client.post(path).form({ comment: 'ok by mail' }).withCsrfToken()
    confirmed.assertStatus(200)
    assert.equal(inertiaPage(confirmed).props.done, 'recorded')
    const done = await waitForStatus(id, ['succeeded', 'failed'])
    assert.deepEqual(done.output, { result: 'yes' })
    const [decision] = await db.from('approval_decisions')
    assert.equal(decision.via, 'email')
    assert.equal(decision.comment, 'ok by mail')

    const again = await client.post(path).form({}).withCsrfToken()
    assert.equal(inertiaPage(again).props.done, 'already')
    assert.lengthOf(await db.from('approval_decisions'), 1)
  })

  test('tampered and expired links are refused', async ({ client, assert }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const approver = await addMember(tenant, 'approver')
    const workflow = await publishedWorkflow(tenant.id, user.id, graph(approver.id))
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['waiting'])
    const request = await eventually(
      () => db.from('approval_requests').where('execution_id', id).first(),
      'the request'
    )
    const good = signDecisionLink({
      requestId: Number(request.id),
      userId: approver.id,
      decision: 'rejected',
      expiresAt: Date.now() + 60_000,
    })
    // Swap the decision in the body but keep the signature: refused.
    const [body, signature] = good.split('.')
    const forgedBody = Buffer.from(
      Buffer.from(body, 'base64url').toString().replace('rejected', 'approved')
    ).toString('base64url')
    const forged = await client.post(`/approvals/decide/${forgedBody}.${signature}`).withCsrfToken()
    forged.assertStatus(403)
    const expired = signDecisionLink({
      requestId: Number(request.id),
      userId: approver.id,
      decision: 'approved',
      expiresAt: Date.now() - 1000,
    })
    const late = await client.post(`/approvals/decide/${expired}`).withCsrfToken()
    late.assertStatus(410)
    assert.lengthOf(await db.from('approval_decisions'), 0)
    const execution = await db.from('executions').where('id', id).first()
    assert.equal(execution.status, 'waiting')
  })
})
