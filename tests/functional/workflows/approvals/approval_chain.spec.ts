import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { edge, node, publishedWorkflow, waitForStatus } from '#tests/helpers/workflows'
import { waitingRequest, withApprovalWorker } from '#tests/helpers/approvals'
import { runManually } from '#workflows/services/execution_service'
import { decide } from '#workflows/approvals/decisions'

/**
 * Two-level chain: level 1 is a quorum of 2 managers; only when they approve and the expense is
 * above 5,000 does level 2 (a finance approver, role admin) decide.
 */
function chainGraph(managerIds: number[]) {
  return {
    nodes: [
      node('start', 'manual'),
      node('level1', 'approval', {
        title: 'Expense {{trigger.amount}}: managers',
        approvers: { userIds: managerIds },
        mode: 'quorum',
        quorum: 2,
      }),
      node('big', 'condition', {
        conditions: {
          combinator: 'all',
          rules: [{ field: 'trigger.amount', operator: 'gt', value: 5000 }],
        },
      }),
      node('level2', 'approval', {
        title: 'Expense {{trigger.amount}}: finance',
        approvers: { roles: ['admin'] },
      }),
      node('paid', 'set_variables', { variables: { result: 'paid' } }),
      node('paidBig', 'set_variables', { variables: { result: 'paid after finance' } }),
      node('refused', 'set_variables', { variables: { result: 'refused' } }),
    ],
    edges: [
      edge('start', 'out', 'level1'),
      edge('level1', 'approved', 'big'),
      edge('level1', 'rejected', 'refused'),
      edge('big', 'true', 'level2'),
      edge('big', 'false', 'paid'),
      edge('level2', 'approved', 'paidBig'),
      edge('level2', 'rejected', 'refused'),
    ],
    variables: {},
  }
}

test.group('Approval chains', (group) => {
  withApprovalWorker(group)

  test('level 2 (finance) is asked only after a level-1 quorum approves a large expense', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('owner')
    const finance = await addMember(tenant, 'admin')
    const managers = [
      await addMember(tenant, 'approver'),
      await addMember(tenant, 'approver'),
      await addMember(tenant, 'approver'),
    ]
    const workflow = await publishedWorkflow(
      tenant.id,
      user.id,
      chainGraph(managers.map((m) => m.id))
    )
    const vote = (requestId: number, userId: number, decision: 'approved' | 'rejected') =>
      decide({ tenantId: tenant.id, requestId: Number(requestId), userId, decision })

    const large = await runManually(workflow, { amount: 8000 })
    const small = await runManually(workflow, { amount: 900 })
    const l1 = await waitingRequest(large, 'level1')
    const s1 = await waitingRequest(small, 'level1')

    await vote(l1.id, managers[0].id, 'approved')
    assert.isNull(await db.from('approval_requests').where('node_id', 'level2').first())
    await vote(l1.id, managers[1].id, 'rejected')
    await vote(l1.id, managers[2].id, 'approved')
    const l2 = await waitingRequest(large, 'level2')
    assert.deepEqual(l2.eligible_user_ids.map(Number).sort(), [finance.id])

    await vote(s1.id, managers[0].id, 'approved')
    await vote(s1.id, managers[1].id, 'approved')
    const smallDone = await waitForStatus(small, ['succeeded', 'failed'])
    assert.deepEqual(smallDone.output, { result: 'paid' })

    await vote(l2.id, finance.id, 'approved')
    const largeDone = await waitForStatus(large, ['succeeded', 'failed'])
    assert.deepEqual(largeDone.output, { result: 'paid after finance' })
    const audit = await db.from('approval_decisions').orderBy('id')
    assert.lengthOf(audit, 6)
  })
})
