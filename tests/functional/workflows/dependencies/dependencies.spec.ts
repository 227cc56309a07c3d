import { test } from '@japa/runner'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { inertiaPage } from '#tests/helpers/inertia'
import {
  chain,
  closeWorkflowConnections,
  node,
  publishedWorkflow,
  resetWorkflowState,
} from '#tests/helpers/workflows'
import { workflowService } from '#workflows/services/workflow_service'

/**
 * A tenant with:
 * - Billing follow-up (A): on invoice.paid → calls Log activity (B) → updates the deal;
 * - Log activity (B): manual form → creates an activity;
 * - Activity watcher (C): CRM event activity.logged (what B's create causes).
 */
async function billingTenant() {
  const { tenant, user } = await createTenantWithUser('builder')
  const logActivity = await publishedWorkflow(
    tenant.id,
    user.id,
    chain(
      node('start', 'manual', {
        fields: [{ key: 'subject', label: 'Subject', type: 'string', required: true }],
      }),
      node('log', 'create_entity', {
        entity: 'activity',
        data: { subject: '{{trigger.subject}}', type: 'task' },
      }),
      node('done', 'return', { values: { activityId: '{{steps.log.id}}' } })
    ),
    'Log activity'
  )
  const followUp = await publishedWorkflow(
    tenant.id,
    user.id,
    chain(
      node('paid', 'entity_event', { event: 'invoice.paid' }),
      node('call', 'sub_workflow', {
        workflowId: logActivity.id,
        mode: 'sync',
        parameters: { subject: 'Paid {{invoice.number}}' },
      }),
      node('touch', 'update_entity', {
        entity: 'deal',
        id: '{{trigger.entity.dealId}}',
        data: { notes: 'invoice paid' },
      })
    ),
    'Billing follow-up'
  )
  const watcher = await publishedWorkflow(
    tenant.id,
    user.id,
    chain(
      node('logged', 'crm_event', { events: ['activity.logged'] }),
      node('note', 'set_variables', { variables: { seen: 'yes' } })
    ),
    'Activity watcher'
  )
  return { tenant, user, logActivity, followUp, watcher }
}

test.group('Workflow dependencies', (group) => {
  group.teardown(closeWorkflowConnections)
  group.each.setup(() => resetWorkflowState())

  test('a workflow lists whom it calls, the records it reads and writes, the events it listens to and causes', async ({
    client,
    assert,
  }) => {
    const { user, logActivity, followUp } = await billingTenant()
    const response = await client.get(`/api/v1/workflows/${followUp.id}/dependencies`).loginAs(user)
    response.assertStatus(200)
    const deps = response.body().data

    assert.deepEqual(deps.workflow, {
      id: followUp.id,
      name: 'Billing follow-up',
      status: 'active',
      activeVersion: 1,
    })
    assert.deepEqual(deps.callers, [])
    assert.lengthOf(deps.callees, 1)
    assert.deepInclude(deps.callees[0], {
      nodeId: 'call',
      pinnedVersion: null,
      mode: 'sync',
      in: ['active', 'draft'],
    })
    assert.equal(deps.callees[0].workflow.id, logActivity.id)

    const entities = Object.fromEntries(deps.entities.map((e: any) => [e.entity, e.access]))
    assert.deepEqual(entities, { deal: ['reads', 'writes'], invoice: ['reads'] })
    assert.equal(deps.entities.find((e: any) => e.entity === 'deal').label, 'Deal')

    const events = Object.fromEntries(deps.events.map((e: any) => [e.event, e.access]))
    assert.deepEqual(events['invoice.paid'], ['listens'])
    assert.deepEqual(events['deal.updated'], ['emits'])
    assert.deepEqual(events['deal.stage_changed'], ['emits'])
    assert.notProperty(events, 'deal.created')
    assert.deepEqual(deps.events.find((e: any) => e.event === 'invoice.paid').nodeIds, ['paid'])
  })

  test('a called workflow lists its callers and the workflows its writes start', async ({
    client,
    assert,
  }) => {
    const { user, logActivity, followUp, watcher } = await billingTenant()
    const response = await client
      .get(`/api/v1/workflows/${logActivity.id}/dependencies`)
      .loginAs(user)
    response.assertStatus(200)
    const deps = response.body().data
    assert.lengthOf(deps.callers, 1)
    assert.equal(deps.callers[0].workflow.id, followUp.id)
    assert.equal(deps.callers[0].workflow.name, 'Billing follow-up')
    assert.equal(deps.callers[0].nodeName, 'call')
    assert.deepEqual(deps.callees, [])
    assert.deepEqual(
      deps.entities.map((e: any) => [e.entity, e.access]),
      [['activity', ['writes']]]
    )
    assert.deepEqual(
      deps.events.map((e: any) => [e.event, e.access]),
      [['activity.logged', ['emits']]]
    )
    assert.deepEqual(
      deps.triggers.map((link: any) => [link.workflow.id, link.event]),
      [[watcher.id, 'activity.logged']]
    )
    // …and the watcher sees where its event comes from.
    const watched = await client.get(`/api/v1/workflows/${watcher.id}/dependencies`).loginAs(user)
    assert.deepEqual(
      watched.body().data.triggeredBy.map((link: any) => [link.workflow.id, link.event]),
      [[logActivity.id, 'activity.logged']]
    )
  })

  test('draft-only calls are marked as such; a pinned call keeps its version', async ({
    client,
    assert,
  }) => {
    const { user, logActivity, followUp } = await billingTenant()
    const draft = structuredClone(followUp.draftGraph)
    draft.nodes.push(
      node('again', 'sub_workflow', {
        workflowId: logActivity.id,
        version: 1,
        mode: 'async',
        parameters: { subject: 'x' },
      })
    )
    await workflowService.saveDraft(followUp, draft)

    const response = await client
      .get(`/api/v1/workflows/${logActivity.id}/dependencies`)
      .loginAs(user)
    const callers = response.body().data.callers
    assert.deepEqual(
      callers.map((c: any) => [c.nodeId, c.pinnedVersion, c.mode, c.in]),
      [
        ['again', 1, 'async', ['draft']],
        ['call', null, 'sync', ['active', 'draft']],
      ]
    )
  })

  test('the tenant graph links workflows, entities and events', async ({ client, assert }) => {
    const { user, logActivity, followUp, watcher } = await billingTenant()
    const response = await client.get('/api/v1/dependencies').loginAs(user)
    response.assertStatus(200)
    const { nodes, edges } = response.body().data
    const ids = nodes.map((n: any) => n.id)
    assert.includeMembers(ids, [
      `workflow:${followUp.id}`,
      `workflow:${logActivity.id}`,
      `workflow:${watcher.id}`,
      'entity:invoice',
      'entity:deal',
      'entity:activity',
      'event:invoice.paid',
      'event:activity.logged',
    ])
    const has = (kind: string, source: string, target: string) =>
      edges.some((e: any) => e.kind === kind && e.source === source && e.target === target)
    assert.isTrue(has('calls', `workflow:${followUp.id}`, `workflow:${logActivity.id}`))
    assert.isTrue(has('reads', 'entity:invoice', `workflow:${followUp.id}`))
    assert.isTrue(has('writes', `workflow:${followUp.id}`, 'entity:deal'))
    assert.isTrue(has('listens', 'event:invoice.paid', `workflow:${followUp.id}`))
    assert.isTrue(has('emits', `workflow:${logActivity.id}`, 'event:activity.logged'))
    assert.isTrue(has('listens', 'event:activity.logged', `workflow:${watcher.id}`))
    const call = edges.find((e: any) => e.kind === 'calls')
    assert.deepEqual(call.in, ['active', 'draft'])
    assert.isNull(call.pinnedVersion)
  })

  test('the dependencies page renders for a viewer with the same data', async ({
    client,
    assert,
  }) => {
    const { tenant, logActivity, followUp } = await billingTenant()
    const viewer = await addMember(tenant, 'viewer')
    const response = await client.get(`/workflows/${logActivity.id}/dependencies`).loginAs(viewer)
    response.assertStatus(200)
    const page = inertiaPage(response)
    assert.equal(page.component, 'workflows/dependencies/index')
    assert.equal(page.props.dependencies.workflow.id, logActivity.id)
    assert.equal(page.props.dependencies.callers[0].workflow.id, followUp.id)
  })

  test('another tenant sees none of it, and its own calls to a foreign id are not callers', async ({
    client,
    assert,
  }) => {
    const { user, logActivity } = await billingTenant()
    const other = await createTenantWithUser('owner')
    // A draft of the other tenant that names the first tenant's workflow id.
    await workflowService.create(other.tenant.id, other.user.id, {
      name: 'Snooper',
      graph: chain(
        node('start', 'manual'),
        node('call', 'sub_workflow', { workflowId: logActivity.id, parameters: {} })
      ),
    })

    for (const url of [
      `/api/v1/workflows/${logActivity.id}/dependencies`,
      `/workflows/${logActivity.id}/dependencies`,
    ]) {
      const foreign = await client.get(url).loginAs(other.user)
      foreign.assertStatus(404)
    }
    const graph = await client.get('/api/v1/dependencies').loginAs(other.user)
    const labels = graph.body().data.nodes.map((n: any) => n.label)
    assert.notInclude(labels, 'Log activity')
    assert.notInclude(labels, 'Billing follow-up')
    // In the other tenant, the foreign id is an unknown workflow, not the first tenant's.
    const missing = graph.body().data.nodes.find((n: any) => n.id === `workflow:${logActivity.id}`)
    assert.equal(missing.status, 'missing')
    assert.equal(missing.label, `Workflow #${logActivity.id}`)

    const own = await client.get(`/api/v1/workflows/${logActivity.id}/dependencies`).loginAs(user)
    assert.deepEqual(
      own.body().data.callers.map((c: any) => c.workflow.name),
      ['Billing follow-up']
    )
  })

  test('reading dependencies needs a signed-in member', async ({ client }) => {
    const { logActivity } = await billingTenant()
    const anonymous = await client.get(`/api/v1/workflows/${logActivity.id}/dependencies`)
    anonymous.assertStatus(401)
    const graph = await client.get('/api/v1/dependencies')
    graph.assertStatus(401)
  })
})
