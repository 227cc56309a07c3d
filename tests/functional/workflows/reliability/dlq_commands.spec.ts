import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { BaseCommand } from '@adonisjs/core/ace'
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
import { clearReliabilityCache } from '#workflows/reliability/workflow_settings'
import WorkflowDlqList from '#commands/workflow_dlq_list'
import WorkflowDlqShow from '#commands/workflow_dlq_show'
import WorkflowDlqReplay from '#commands/workflow_dlq_replay'
import WorkflowDlqPurge from '#commands/workflow_dlq_purge'
import { outages, registerFlakyNode, resetFlakyCalls } from './flaky_node.js'

async function runAce(command: typeof BaseCommand, args: string[] = []) {
  const { default: ace } = await import('@adonisjs/core/services/ace')
  ace.ui.switchMode('raw')
  const instance = await ace.create(command, args)
  await instance.exec()
  return instance
}

/** The dead letter is written just after the failed status commits: wait for it. */
const deadLetterOf = (executionId: number) =>
  eventually(
    () => db.from('workflow_dead_letters').where('execution_id', executionId).first(),
    `the dead letter of execution ${executionId}`
  )

const output = (command: BaseCommand) =>
  command.ui.logger
    .getLogs()
    .map((log) => log.message)
    .join('\n')

test.group('Reliability: dead-letter queue through the ace commands', (group) => {
  let worker: WorkflowWorker | null = null
  group.setup(registerFlakyNode)
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    clearReliabilityCache()
    resetFlakyCalls()
    worker = await startWorker()
    return async () => {
      await worker?.stop()
      worker = null
    }
  })

  test('list, show, replay --all (progress), list again, purge', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('crm', 'test_flaky', { outage: 'crm-api', retry: { maxAttempts: 1 } })
      ),
      'Sync to CRM'
    )
    outages.add('crm-api')
    const ids = [await runManually(workflow, { n: 1 }), await runManually(workflow, { n: 2 })]
    for (const id of ids) await waitForStatus(id, ['failed'])
    const letters = await Promise.all(ids.map(deadLetterOf))

    const list = await runAce(WorkflowDlqList)
    list.assertSucceeded()
    const listed = output(list)
    for (const id of ids) assert.include(listed, `${id}`)
    assert.include(listed, 'crm (test_flaky)')
    assert.include(listed, 'crm-api is down')
    assert.include(listed, 'Sync to CRM')
    assert.include(listed, '2 dead letter(s)')

    const none = await runAce(WorkflowDlqList, ['--category=validation'])
    none.assertSucceeded()
    assert.include(output(none), 'empty')
    const badFilter = await runAce(WorkflowDlqList, ['--category=nope'])
    badFilter.assertFailed()

    const letter = letters[0]
    const show = await runAce(WorkflowDlqShow, [String(letter.id)])
    show.assertSucceeded()
    const shown = output(show)
    assert.include(shown, '"n": 1')
    assert.include(shown, '"category": "transient"')
    assert.include(shown, 'crm (test_flaky)')
    const missing = await runAce(WorkflowDlqShow, ['999999'])
    missing.assertFailed()

    // The outage is over: replay everything from the failed step.
    outages.clear()
    const conflicting = await runAce(WorkflowDlqReplay, [
      '--all',
      '--from-failed-step',
      '--latest-version',
    ])
    conflicting.assertFailed()
    const replay = await runAce(WorkflowDlqReplay, ['--all', '--from-failed-step'])
    replay.assertSucceeded()
    const replayed = output(replay)
    assert.include(replayed, '2/2 100%')
    assert.include(replayed, '2 execution(s) replayed')
    const replays = await db
      .from('executions')
      .whereIn('replay_of_execution_id', ids)
      .orderBy('replay_of_execution_id')
    assert.lengthOf(replays, 2)
    for (const row of replays) {
      const done = await waitForStatus(Number(row.id), ['succeeded', 'failed'])
      assert.equal(done.status, 'succeeded', JSON.stringify(done.error))
    }
    assert.deepEqual(
      replays.map((row) => row.input),
      [{ n: 1 }, { n: 2 }]
    )
    const empty = await runAce(WorkflowDlqList)
    assert.include(output(empty), 'empty')
    const resolved = await runAce(WorkflowDlqList, ['--status=resolved'])
    assert.include(output(resolved), 'replayed')

    const again = await runAce(WorkflowDlqReplay, ['--all'])
    again.assertSucceeded()
    assert.include(output(again), 'No open dead letters')

    const badPurge = await runAce(WorkflowDlqPurge, ['--older-than=soon'])
    badPurge.assertFailed()
    const keep = await runAce(WorkflowDlqPurge, ['--older-than=30d'])
    keep.assertSucceeded()
    assert.include(output(keep), '0 dead letter(s)')
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString()
    const purge = await runAce(WorkflowDlqPurge, [`--older-than=${tomorrow}`])
    purge.assertSucceeded()
    assert.include(output(purge), '2 dead letter(s)')
    const left = await db.from('workflow_dead_letters').count('* as n').first()
    assert.equal(Number(left.n), 0)
  })

  test('replay one dead letter from the start on the original version', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chain(
        node('start', 'manual'),
        node('crm', 'test_flaky', { failures: 1, retry: { maxAttempts: 1 } })
      )
    )
    const id = await runManually(workflow, {})
    const failed = await waitForStatus(id, ['failed'])
    const letter = await deadLetterOf(id)
    const replay = await runAce(WorkflowDlqReplay, [String(letter.id)])
    replay.assertSucceeded()
    const row = await db.from('executions').where('replay_of_execution_id', id).first()
    assert.equal(Number(row.version_id), failed.versionId)
    const missing = await runAce(WorkflowDlqReplay, ['424242'])
    missing.assertFailed()
    const neither = await runAce(WorkflowDlqReplay, [])
    neither.assertFailed()
  })
})
