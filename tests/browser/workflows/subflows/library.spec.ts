import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import {
  BUILDER_VIEWPORT,
  eventually,
  openPage,
  workflowBrowserGroup,
} from '#tests/helpers/browser'
import { chain, node, publishedWorkflow } from '#tests/helpers/workflows'
import { workflowService } from '#workflows/services/workflow_service'
import { markComponent } from '#workflows/library/components'
import { shareComponent } from '#workflows/library/sharing'

/** A callee: manual form (amount, name) → Return { label }. */
function calleeGraph() {
  const graph = chain(
    node('start', 'manual', {
      fields: [
        { key: 'amount', label: 'Amount', type: 'number', required: true },
        { key: 'name', label: 'Name', type: 'string', required: true },
      ],
    }),
    node('answer', 'return', { values: { label: 'saw {{trigger.name}}' } })
  )
  graph.nodes[1].position = { x: 300, y: 0 }
  return graph
}

async function draftNodes(workflowId: number) {
  const row = await db.from('workflows').where('id', workflowId).first()
  return (row.draft_graph as { nodes: any[] }).nodes
}

test.group('Workflow library | browser', (group) => {
  const { browser } = workflowBrowserGroup(group)

  test('the palette lists shared components under "Sub-Flows"; adding one creates a configured Sub-Workflow node', async ({
    assert,
  }) => {
    const { tenant: owner, user: ownerUser } = await createTenantWithUser('admin', {
      tenant: { name: 'Owner Works' },
    })
    const { tenant, user } = await createTenantWithUser('builder')
    const callee = await publishedWorkflow(owner.id, ownerUser.id, calleeGraph(), 'Label maker')
    const component = await markComponent(callee, ownerUser.id, {
      name: 'Make a label',
      description: 'Amount and name in, label out',
    })
    await shareComponent(component, tenant.slug, ownerUser.id)
    const workflow = await workflowService.create(tenant.id, user.id, {
      name: 'Uses the library',
      graph: chain(node('start', 'manual')),
    })

    const page = await openPage(browser(), user.email, `/workflows/${workflow.id}`, {
      viewport: BUILDER_VIEWPORT,
    })
    const section = page.locator('[data-testid=palette-subflows]')
    await section.getByText('Sub-Flows').waitFor()
    const item = section.locator(`[data-testid=subflow-item][data-workflow-id="${callee.id}"]`)
    await item.waitFor()
    assert.include(await item.innerText(), 'Make a label')
    assert.include(await item.innerText(), 'Shared by Owner Works')

    // Click it with the trigger selected: the node is added after it, configured for the callee.
    await page.locator('[data-testid=wf-node][data-node-id=start]').click()
    await item.click()
    const added = await eventually(async () => {
      const nodes = await draftNodes(workflow.id)
      return nodes.find((n) => n.type === 'sub_workflow' && n.config.workflowId === callee.id)
    })
    assert.equal(added.name, 'Make a label')
    assert.equal(added.config.ownerTenantId, owner.id)
    // One key per declared input, values left to map (the JSON body stores '' as null).
    assert.sameMembers(Object.keys(added.config.parameters), ['amount', 'name'])
    assert.isTrue(Object.values(added.config.parameters).every((v) => v === null || v === ''))
    assert.equal(added.config.mode, 'sync')

    // The properties panel shows the picker on the component, with its inputs and returns.
    const info = page.locator('[data-testid=workflow-picker-info]')
    await info.waitFor()
    const text = await info.innerText()
    assert.include(text, 'Shared by Owner Works')
    assert.include(text, 'amount*')
    assert.include(text, 'label')
    assert.include(await page.locator('[data-testid=workflow-picker]').innerText(), 'Make a label')

    // Dragging it onto the canvas adds a second node, configured the same way.
    await page.dragAndDrop(
      `[data-testid=subflow-item][data-workflow-id="${callee.id}"]`,
      '.vue-flow__pane',
      { targetPosition: { x: 500, y: 400 } }
    )
    const dropped = await eventually(async () => {
      const nodes = await draftNodes(workflow.id)
      const calls = nodes.filter(
        (n) => n.type === 'sub_workflow' && n.config.workflowId === callee.id
      )
      return calls.length === 2 ? calls : null
    })
    assert.sameMembers(
      dropped.map((n) => n.name),
      ['Make a label', 'Make a label 2']
    )
    assert.isTrue(dropped.every((n) => n.config.ownerTenantId === owner.id))

    // "view" opens the component read-only: its canvas, no palette, no toolbar.
    await item.getByText('view').click()
    await page.locator('[data-testid=shared-component]').waitFor()
    await eventually(async () => (await page.locator('[data-testid=wf-node]').count()) === 2)
    assert.equal(await page.locator('[data-testid=palette]').count(), 0)
    assert.equal(await page.locator('[data-testid=publish]').count(), 0)
    assert.include(await page.locator('[data-testid=shared-owner]').innerText(), 'Owner Works')
  })

  test('Library & sharing: an admin marks the workflow as a component, shares it and revokes the share', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('admin')
    const { tenant: grantee } = await createTenantWithUser('owner', {
      tenant: { name: 'Partner Ltd', slug: 'partner-ltd' },
    })
    const callee = await publishedWorkflow(tenant.id, user.id, calleeGraph(), 'Label maker')

    const page = await openPage(browser(), user.email, `/workflows/${callee.id}`, {
      viewport: BUILDER_VIEWPORT,
    })
    await page.click('[data-testid=library-button]')
    const dialog = page.locator('[data-testid=library-dialog]')
    await dialog.locator('[data-testid=mark-component]').waitFor()
    await page.fill('#wf-lib-description', 'Builds labels')
    await dialog.locator('[data-testid=mark-component]').click()
    await dialog.locator('[data-testid=component-tag]').waitFor()
    const component = await db.from('workflow_components').where('workflow_id', callee.id).first()
    assert.equal(component.description, 'Builds labels')

    await dialog.locator('[data-testid=share-tenant]').fill('partner-ltd')
    await dialog.locator('[data-testid=share-submit]').click()
    const row = dialog.locator('[data-testid=share-row]', { hasText: 'Partner Ltd' })
    await row.waitFor()
    const share = await db.from('workflow_shares').where('grantee_tenant_id', grantee.id).first()
    assert.isNull(share.revoked_at)

    await row.locator('[data-testid=revoke-share]').click()
    await dialog.getByText('revoked').waitFor()
    const revoked = await db.from('workflow_shares').where('id', share.id).first()
    assert.isNotNull(revoked.revoked_at)
  })
})
