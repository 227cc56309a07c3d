import { test } from '@japa/runner'
import { createTenantWithUser, addMember } from '#tests/helpers/tenancy'
import {
  closeWorkflowConnections,
  edge,
  node,
  resetWorkflowState,
  startWorker,
  waitForStatus,
} from '#tests/helpers/workflows'
import Execution from '#workflows/models/execution'
import Workflow from '#workflows/models/workflow'
import { workflowService } from '#workflows/services/workflow_service'
import { runManually } from '#workflows/services/execution_service'
import type { WorkflowWorker } from '#workflows/runtime/worker'
import type { WorkflowGraph } from '#workflows/engine/graph'

/** v1: start → greet; v2: greet's config changed, a delay added after it, start moved. */
const startToGreet = {
  id: 'e-start',
  source: 'start',
  sourcePort: 'out',
  target: 'greet',
  targetPort: 'in',
}

function versionOne(): WorkflowGraph {
  return {
    nodes: [
      node('start', 'manual'),
      node('greet', 'set_variables', { variables: { greeting: 'Hello' } }),
    ],
    edges: [startToGreet],
    variables: {},
  }
}

function versionTwo(): WorkflowGraph {
  const one = versionOne()
  const greet = one.nodes[1]
  const start = { ...one.nodes[0], position: { x: 300, y: 40 } }
  return {
    nodes: [
      start,
      { ...greet, config: { ...greet.config, variables: { greeting: 'Hi there' } } },
      node('pause', 'delay', { mode: 'duration', duration: '1h' }),
    ],
    edges: [one.edges[0], edge('greet', 'out', 'pause')],
    variables: {},
  }
}

async function publishTwoVersions(tenantId: number, userId: number) {
  const workflow = await workflowService.create(tenantId, userId, {
    name: 'Greeter',
    graph: versionOne(),
  })
  await workflowService.publish(workflow, userId, 'first cut')
  await workflowService.saveDraft(workflow, versionTwo())
  await workflowService.publish(workflow, userId, 'wait an hour')
  return workflow
}

test.group('Workflow versions: history, diff, rollback', (group) => {
  let worker: WorkflowWorker | null = null
  group.teardown(closeWorkflowConnections)
  group.each.setup(async () => {
    await resetWorkflowState()
    return async () => {
      await worker?.stop()
      worker = null
    }
  })

  test('history lists versions newest first with author, note and execution counts', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const workflow = await publishTwoVersions(tenant.id, user.id)
    const response = await client.get(`/api/v1/workflows/${workflow.id}/history`).loginAs(user)
    response.assertStatus(200)
    const versions = response.body().data
    assert.deepEqual(
      versions.map((v: any) => [v.number, v.note, v.authorName, v.isActive, v.nodeCount]),
      [
        [2, 'wait an hour', user.fullName ?? user.email, true, 3],
        [1, 'first cut', user.fullName ?? user.email, false, 2],
      ]
    )
  })

  test('diff lists added nodes and edges, changed config paths, and moved-only nodes', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    const owner = await addMember(tenant, 'builder')
    const workflow = await publishTwoVersions(tenant.id, owner.id)
    const response = await client
      .get(`/api/v1/workflows/${workflow.id}/diff?from=1&to=2`)
      .loginAs(user)
    response.assertStatus(200)
    const { diff, nodeStatuses, edgeStatuses, canvas } = response.body().data
    assert.deepEqual(
      diff.nodes.added.map((n: any) => n.id),
      ['pause']
    )
    assert.deepEqual(diff.nodes.removed, [])
    assert.deepEqual(diff.nodes.changed, [
      { id: 'greet', name: 'greet', type: 'set_variables', fields: ['config.variables.greeting'] },
    ])
    assert.deepEqual(
      diff.nodes.moved.map((n: any) => n.id),
      ['start']
    )
    assert.lengthOf(diff.edges.added, 1)
    assert.equal(diff.edges.added[0].target, 'pause')
    assert.deepEqual(nodeStatuses, { pause: 'added', greet: 'changed' })
    assert.equal(edgeStatuses[diff.edges.added[0].id], 'added')

    // The other way round: the delay is removed and drawn as a ghost on the canvas.
    const back = await client.get(`/api/v1/workflows/${workflow.id}/diff?from=2&to=1`).loginAs(user)
    back.assertStatus(200)
    assert.deepEqual(
      back.body().data.diff.nodes.removed.map((n: any) => n.id),
      ['pause']
    )
    assert.equal(back.body().data.nodeStatuses.pause, 'removed')
    assert.include(
      back.body().data.canvas.nodes.map((n: any) => n.id),
      'pause'
    )
    assert.lengthOf(canvas.nodes, 3)

    const missing = await client
      .get(`/api/v1/workflows/${workflow.id}/diff?from=1&to=9`)
      .loginAs(user)
    missing.assertStatus(404)
  })

  test('rollback publishes the old graph as a new version; a waiting execution keeps its pinned version', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const workflow = await publishTwoVersions(tenant.id, user.id)
    worker = await startWorker()
    const pinnedVersionId = workflow.activeVersionId!
    const waitingId = await runManually(workflow, {})
    await waitForStatus(waitingId, ['waiting'])

    const response = await client
      .post(`/api/v1/workflows/${workflow.id}/versions/1/rollback`)
      .withCsrfToken()
      .loginAs(user)
    response.assertStatus(201)
    assert.equal(response.body().data.number, 3)
    assert.equal(response.body().data.note, 'Rollback to v1')

    const reloaded = await Workflow.findOrFail(workflow.id)
    assert.equal(reloaded.latestVersionNumber, 3)
    assert.equal(reloaded.activeVersionId, response.body().data.id)

    const waiting = await Execution.findOrFail(waitingId)
    assert.equal(waiting.versionId, pinnedVersionId)
    assert.equal(waiting.status, 'waiting')

    // New runs start on v3 = v1's graph: no delay, so they finish.
    const freshId = await runManually(reloaded, {})
    const fresh = await waitForStatus(freshId, ['succeeded', 'failed'])
    assert.equal(fresh.status, 'succeeded')
    assert.equal(fresh.versionId, reloaded.activeVersionId)

    const diff = await client.get(`/api/v1/workflows/${workflow.id}/diff?from=1&to=3`).loginAs(user)
    assert.isTrue(diff.body().data.diff.identical)
  })

  test('rollback needs a builder and an existing version of the same tenant', async ({
    client,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const workflow = await publishTwoVersions(tenant.id, user.id)
    const viewer = await addMember(tenant, 'viewer')
    const denied = await client
      .post(`/api/v1/workflows/${workflow.id}/versions/1/rollback`)
      .withCsrfToken()
      .loginAs(viewer)
    denied.assertStatus(403)

    const missing = await client
      .post(`/api/v1/workflows/${workflow.id}/versions/7/rollback`)
      .withCsrfToken()
      .loginAs(user)
    missing.assertStatus(404)

    const other = await createTenantWithUser('owner')
    const foreign = await client
      .post(`/api/v1/workflows/${workflow.id}/versions/1/rollback`)
      .withCsrfToken()
      .loginAs(other.user)
    foreign.assertStatus(404)
  })
})
