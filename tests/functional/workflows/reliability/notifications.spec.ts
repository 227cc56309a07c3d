import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { SMTPTransport } from '@adonisjs/mail/transports/smtp'
import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import {
  chain,
  closeWorkflowConnections,
  eventually,
  node,
  publishedWorkflow,
  resetWorkflowState,
  startWorker,
  waitForStatus,
} from '#tests/helpers/workflows'
import { runManually } from '#workflows/services/execution_service'
import type { WorkflowWorker } from '#workflows/runtime/worker'
import {
  clearReliabilityCache,
  saveWorkflowReliability,
} from '#workflows/reliability/workflow_settings'
import { registerFlakyNode, resetFlakyCalls } from './flaky_node.js'

/** An SMTP server on a random local port collecting parsed messages. */
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

test.group('Reliability: failure notifications and the error workflow', (group) => {
  let worker: WorkflowWorker | null = null
  let catcher: Awaited<ReturnType<typeof smtpCatcher>>
  const originalSmtp = mail.config.mailers.smtp
  group.setup(async () => {
    registerFlakyNode()
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
    clearReliabilityCache()
    resetFlakyCalls()
    catcher.received.length = 0
    worker = await startWorker()
    return async () => {
      await worker?.stop()
      worker = null
    }
  })

  test('the owner gets an in-app notification and an email; the error workflow gets the failure', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const handler = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('note', 'set_variables', {
          variables: { about: '{{trigger.failure.workflowName}} / {{trigger.failure.nodeId}}' },
        })
      ),
      'On failure'
    )
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('sync', 'test_flaky', { outage: 'erp', retry: { maxAttempts: 1 } })
      ),
      'Nightly sync'
    )
    await saveWorkflowReliability(tenant.id, workflow.id, { errorWorkflowId: handler.id })
    const { outages } = await import('./flaky_node.js')
    outages.add('erp')
    const id = await runManually(workflow, { day: 'monday' })
    await waitForStatus(id, ['failed'])

    const bell = await eventually(async () => {
      const response = await client.get('/api/v1/notifications').loginAs(user)
      return response.body().data.length > 0 ? response.body() : null
    }, 'the failure notification')
    assert.equal(bell.data[0].title, 'Workflow "Nightly sync" failed')
    assert.include(bell.data[0].body, 'Step sync: erp is down (transient)')
    assert.equal(bell.data[0].link, `/executions/${id}`)

    const email = await eventually(async () => catcher.received[0], 'the failure email')
    assert.equal(email.subject, 'Workflow "Nightly sync" failed')
    assert.equal((email.to as any).value[0].address, user.email)
    assert.include(email.text!, 'Category: transient')
    assert.include(email.text!, `/executions/${id}`)

    const started = await eventually(
      () => db.from('executions').where({ workflow_id: handler.id, trigger_type: 'error' }).first(),
      'the error workflow execution'
    )
    const done = await waitForStatus(Number(started.id), ['succeeded', 'failed'])
    assert.deepEqual(done.output, { about: 'Nightly sync / sync' })
    assert.equal((done.input as any).failure.executionId, id)
    assert.deepEqual((done.input as any).failure.input, { day: 'monday' })
  })

  test('notifyOwner: false stays quiet; a failing error workflow does not start another', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const broken = chain(
      node('start', 'manual'),
      node('sync', 'test_flaky', { outage: 'erp', retry: { maxAttempts: 1 } })
    )
    const handler = await publishedWorkflow(tenant.id, user.id, broken, 'Broken handler')
    const workflow = await publishedWorkflow(tenant.id, user.id, broken, 'Quiet')
    await saveWorkflowReliability(tenant.id, workflow.id, {
      errorWorkflowId: handler.id,
      notifyOwner: false,
    })
    await saveWorkflowReliability(tenant.id, handler.id, {
      errorWorkflowId: workflow.id,
      notifyOwner: false,
    })
    const { outages } = await import('./flaky_node.js')
    outages.add('erp')
    const id = await runManually(workflow, {})
    await waitForStatus(id, ['failed'])
    const handled = await eventually(
      () => db.from('executions').where({ workflow_id: handler.id }).first(),
      'the error workflow execution'
    )
    await waitForStatus(Number(handled.id), ['failed'])
    // The worker counts an outcome after the failure hooks ran.
    await eventually(async () => worker!.stats.failed >= 2, 'both failure hooks')
    const all = await db.from('executions').count('* as n').first()
    assert.equal(Number(all.n), 2, 'the failing error workflow started nothing more')
    const notes = await db.from('notifications').count('* as n').first()
    assert.equal(Number(notes.n), 0)
    assert.lengthOf(catcher.received, 0)
  })
})
