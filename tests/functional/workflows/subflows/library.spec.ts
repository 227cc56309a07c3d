import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import type User from '#core/models/user'
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

/** A callee: manual form (amount, name) → Return { label, amount }. */
function calleeGraph() {
  return chain(
    node('start', 'manual', {
      fields: [
        { key: 'amount', label: 'Amount', type: 'number', required: true },
        { key: 'name', label: 'Name', type: 'string', required: true },
      ],
    }),
    node('answer', 'return', {
      values: { label: 'child saw {{trigger.name}}', amount: '{{trigger.amount}}' },
    })
  )
}

/** Awaits a request and checks its status (keeps each check on one line). */
async function expectStatus(request: PromiseLike<ApiResponse>, status: number) {
  const response = await request
  response.assertStatus(status)
  return response
}

function mark(
  client: ApiClient,
  user: User,
  workflowId: number,
  body: Record<string, unknown> = {}
) {
  return client
    .put(`/api/v1/workflows/${workflowId}/component`)
    .json(body)
    .withCsrfToken()
    .loginAs(user)
}

function share(client: ApiClient, user: User, workflowId: number, tenant: string) {
  return client
    .post(`/api/v1/workflows/${workflowId}/component/shares`)
    .json({ tenant })
    .withCsrfToken()
    .loginAs(user)
}

test.group('Workflow library', (group) => {
  group.teardown(closeWorkflowConnections)
  group.each.setup(() => resetWorkflowState())

  test('a builder marks a workflow as a component; the library lists it with its parameters and return values; unmark removes it', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const callee = await publishedWorkflow(tenant.id, user.id, calleeGraph(), 'Compute label')
    await publishedWorkflow(tenant.id, user.id, chain(node('start', 'manual')), 'Plain')

    const marked = await mark(client, user, callee.id, {
      name: 'Label maker',
      description: 'Turns an amount and a name into a label',
      icon: 'pi pi-calculator',
    })
    marked.assertStatus(200)
    assert.equal(marked.body().data.workflowId, callee.id)

    const list = await client.get('/api/v1/workflow-library').loginAs(user)
    list.assertStatus(200)
    assert.lengthOf(list.body().data, 1)
    const entry = list.body().data[0]
    assert.equal(entry.workflowId, callee.id)
    assert.equal(entry.name, 'Label maker')
    assert.equal(entry.workflowName, 'Compute label')
    assert.equal(entry.icon, 'pi pi-calculator')
    assert.isNull(entry.owner)
    assert.isTrue(entry.published)
    assert.deepEqual(
      entry.parameters.map((p: any) => [p.key, p.type, p.required]),
      [
        ['amount', 'number', true],
        ['name', 'string', true],
      ]
    )
    assert.deepEqual(entry.returns, ['label', 'amount'])

    // The picker's list: library components plus the workspace's own workflows.
    const callables = await client.get('/api/v1/workflow-library/callables').loginAs(user)
    callables.assertStatus(200)
    assert.deepEqual(
      callables.body().data.workflows.map((w: any) => w.name),
      ['Compute label', 'Plain']
    )
    assert.lengthOf(callables.body().data.components, 1)

    // Marking again edits the palette entry (still one component).
    await expectStatus(mark(client, user, callee.id, { name: 'Labeller' }), 200)
    assert.lengthOf(await db.from('workflow_components'), 1)

    const status = await client.get(`/api/v1/workflows/${callee.id}/component`).loginAs(user)
    assert.equal(status.body().data.component.name, 'Labeller')
    assert.isTrue(status.body().data.canMark)
    assert.isFalse(status.body().data.canShare)

    const unmarked = await client
      .delete(`/api/v1/workflows/${callee.id}/component`)
      .withCsrfToken()
      .loginAs(user)
    unmarked.assertStatus(204)
    const after = await client.get('/api/v1/workflow-library').loginAs(user)
    assert.lengthOf(after.body().data, 0)
  })

  test('roles: viewers read the library, builders mark, only admins share and revoke', async ({
    client,
    assert,
  }) => {
    const { tenant, user: builder } = await createTenantWithUser('builder')
    const { tenant: other } = await createTenantWithUser('owner', {
      tenant: { name: 'Globex', slug: 'globex' },
    })
    const viewer = await addMember(tenant, 'viewer')
    const admin = await addMember(tenant, 'admin')
    const callee = await publishedWorkflow(tenant.id, builder.id, calleeGraph(), 'Callee')

    await expectStatus(mark(client, viewer, callee.id), 403)
    await expectStatus(mark(client, builder, callee.id), 200)
    await expectStatus(client.get('/api/v1/workflow-library').loginAs(viewer), 200)

    await expectStatus(share(client, builder, callee.id, 'globex'), 403)
    const shared = await share(client, admin, callee.id, 'globex')
    shared.assertStatus(201)
    assert.equal(shared.body().data[0].tenant.id, other.id)
    // Sharing again is idempotent; a name works as well as a slug.
    await expectStatus(share(client, admin, callee.id, 'GLOBEX'), 200)
    assert.lengthOf(await db.from('workflow_shares'), 1)

    const unknown = await share(client, admin, callee.id, 'No such workspace')
    unknown.assertStatus(422)
    assert.equal(unknown.body().errors[0].field, 'tenant')
    await expectStatus(share(client, admin, callee.id, tenant.slug), 422)

    // A shared component cannot silently leave the library.
    const unmark = await client
      .delete(`/api/v1/workflows/${callee.id}/component`)
      .withCsrfToken()
      .loginAs(builder)
    unmark.assertStatus(409)

    const shareId = shared.body().data[0].id
    const revokeAsBuilder = await client
      .delete(`/api/v1/workflows/${callee.id}/component/shares/${shareId}`)
      .withCsrfToken()
      .loginAs(builder)
    revokeAsBuilder.assertStatus(403)
    const revoked = await client
      .delete(`/api/v1/workflows/${callee.id}/component/shares/${shareId}`)
      .withCsrfToken()
      .loginAs(admin)
    revoked.assertStatus(200)
    assert.isNotNull(revoked.body().data[0].revokedAt)
  })

  test('isolation: a tenant without a share sees nothing of another tenant’s library', async ({
    client,
    assert,
  }) => {
    const { tenant: owner, user: ownerAdmin } = await createTenantWithUser('admin')
    const { user: granteeUser } = await createTenantWithUser('builder', {
      tenant: { name: 'Grantee Co', slug: 'grantee-co' },
    })
    const { tenant: outsider, user: outsiderUser } = await createTenantWithUser('owner')
    const callee = await publishedWorkflow(owner.id, ownerAdmin.id, calleeGraph(), 'Callee')
    await expectStatus(mark(client, ownerAdmin, callee.id), 200)
    await expectStatus(share(client, ownerAdmin, callee.id, 'grantee-co'), 201)

    const granteeList = await client.get('/api/v1/workflow-library').loginAs(granteeUser)
    assert.lengthOf(granteeList.body().data, 1)
    assert.equal(granteeList.body().data[0].owner.name, owner.name)

    const outsiderList = await client.get('/api/v1/workflow-library').loginAs(outsiderUser)
    assert.lengthOf(outsiderList.body().data, 0)
    const callables = await client.get('/api/v1/workflow-library/callables').loginAs(outsiderUser)
    assert.lengthOf(callables.body().data.components, 0)
    assert.lengthOf(callables.body().data.workflows, 0)
    await expectStatus(
      client.get(`/api/v1/workflow-library/${callee.id}`).loginAs(outsiderUser),
      404
    )
    await expectStatus(client.get(`/workflows/library/${callee.id}`).loginAs(outsiderUser), 404)
    await expectStatus(
      client.get(`/api/v1/workflows/${callee.id}/component`).loginAs(outsiderUser),
      404
    )
    await expectStatus(mark(client, outsiderUser, callee.id), 404)

    // The grantee reads the definition (view-only): API and page.
    const definition = await client
      .get(`/api/v1/workflow-library/${callee.id}`)
      .loginAs(granteeUser)
    definition.assertStatus(200)
    assert.equal(definition.body().data.owner.name, owner.name)
    assert.lengthOf(definition.body().data.graph.nodes, 2)
    const page = await client.get(`/workflows/library/${callee.id}`).loginAs(granteeUser)
    page.assertStatus(200)
    const view = inertiaPage(page)
    assert.equal(view.component, 'workflows/library/show')
    assert.equal(view.props.component.owner.name, owner.name)
    // …but cannot edit it: the owner's workflow is not one of the grantee's.
    await expectStatus(mark(client, granteeUser, callee.id), 404)
    const draft = await client
      .put(`/api/v1/workflows/${callee.id}/draft`)
      .json({ graph: calleeGraph() })
      .withCsrfToken()
      .loginAs(granteeUser)
    draft.assertStatus(404)

    // Publishing a call to the unshared workflow is refused on the node, like a missing one.
    const caller = await workflowService.create(outsider.id, outsiderUser.id, {
      name: 'Caller',
      graph: chain(
        node('start', 'manual'),
        node('call', 'sub_workflow', { workflowId: callee.id, parameters: {} })
      ),
    })
    const publish = await client
      .post(`/api/v1/workflows/${caller.id}/publish`)
      .json({})
      .withCsrfToken()
      .loginAs(outsiderUser)
    publish.assertStatus(422)
    assert.deepInclude(publish.body().errors[0], {
      code: 'E_CALLEE_NOT_FOUND',
      nodeId: 'call',
      path: 'config.workflowId',
    })
    assert.include(publish.body().errors[0].message, 'does not exist or is not shared')
  })
})
