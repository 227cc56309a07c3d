import { test } from '@japa/runner'
import { Value } from '@sinclair/typebox/value'
import { outcome } from '#workflows/approvals/decisions'
import { escalationPlanOf, statusAfterEscalation } from '#workflows/approvals/escalations'
import { approvalNode, type ApprovalWaitData } from '#workflows/nodes/actions/approval'

// The builder's form helpers live in the inertia TS project: loaded as a module (see builder specs).
const builder = '../../../../inertia/workflows/builder'
const { formFields } = await import(`${builder}/schema_form.js`)
const publicSchema = () => JSON.parse(JSON.stringify(approvalNode.configSchema))
const ESCALATION_FIELDS = ['escalateTo', 'escalateExpression', 'escalateDueIn', 'afterEscalation']

const run = async (config: Record<string, unknown>) => {
  const result = await approvalNode.execute({
    config: { ...approvalNode.defaults, title: 'Expense', dueIn: '1h', ...config },
  } as any)
  return result.wait?.data as unknown as ApprovalWaitData
}

test.group('Approval escalation settings', () => {
  test('reassign: targets from users, roles and an expression, a second due date and its outcome', async ({
    assert,
  }) => {
    const data = await run({
      onTimeout: 'reassign',
      escalateTo: { userIds: ['4'], roles: ['admin'] },
      escalateExpression: '12, boss@example.com',
      escalateDueIn: '2h',
      afterEscalation: 'approve',
    })
    assert.deepEqual(data.escalation, {
      mode: 'reassign',
      userIds: [4],
      roles: ['admin'],
      references: ['12', 'boss@example.com'],
      dueInMs: 7_200_000,
      then: 'approve',
    })
  })

  test('escalate (add) keeps working; the second due date is optional', async ({ assert }) => {
    const data = await run({ onTimeout: 'escalate', escalateTo: { roles: ['admin'] } })
    assert.equal(data.escalation?.mode, 'add')
    assert.isNull(data.escalation?.dueInMs)
    assert.equal(data.escalation?.then, 'timed_out')
    // A single `{{expr}}` renders to the raw value: a number or a list of ids.
    const fromNumber = await run({ onTimeout: 'reassign', escalateExpression: 42 })
    assert.deepEqual(fromNumber.escalation?.references, ['42'])
    const fromList = await run({ onTimeout: 'reassign', escalateExpression: [5, 6] })
    assert.deepEqual(fromList.escalation?.references, ['5', '6'])
  })

  test('refuses an escalation to nobody or with a bad second due date', async ({ assert }) => {
    await assert.rejects(() => run({ onTimeout: 'reassign' }), /approvers to escalate to/)
    await assert.rejects(
      () => run({ onTimeout: 'reassign', escalateTo: { userIds: [3] }, escalateDueIn: 'later' }),
      /not a duration/
    )
  })

  test('the config schema accepts the new options', ({ assert }) => {
    const config = {
      ...approvalNode.defaults,
      onTimeout: 'reassign',
      escalateExpression: '{{trigger.entity.owner.managerId}}',
      escalateDueIn: '1d',
      afterEscalation: 'reject',
    }
    assert.isTrue(Value.Check(approvalNode.configSchema, config))
    assert.isFalse(Value.Check(approvalNode.configSchema, { ...config, afterEscalation: 'maybe' }))
  })

  test('the properties form shows the escalation fields only when the request escalates', ({
    assert,
  }) => {
    const keys = (onTimeout: string) =>
      formFields(publicSchema(), { ...approvalNode.defaults, onTimeout }).map(
        (f: { key: string }) => f.key
      )
    for (const onTimeout of ['reassign', 'escalate']) {
      assert.includeMembers(keys(onTimeout), ESCALATION_FIELDS)
    }
    for (const onTimeout of ['timed_out', 'approve']) {
      assert.notIncludeMembers(keys(onTimeout), ESCALATION_FIELDS)
    }
    const when = formFields(publicSchema(), { onTimeout: 'reassign' }).find(
      (f: { key: string }) => f.key === 'onTimeout'
    )
    assert.include(
      when.options.map((o: { value: string }) => o.value),
      'reassign'
    )
  })

  test('stored plans from before reassignment read as "add, then time out"', ({ assert }) => {
    const plan = escalationPlanOf({ escalation: { userIds: ['3'], roles: [], dueInMs: 60_000 } })
    assert.deepEqual(plan, {
      mode: 'add',
      userIds: [3],
      roles: [],
      references: [],
      dueInMs: 60_000,
      then: 'timed_out',
    })
    assert.equal(statusAfterEscalation(plan), 'timed_out')
    assert.equal(statusAfterEscalation({ ...plan!, then: 'reject' }), 'rejected')
    assert.isNull(escalationPlanOf({}))
  })
})

test.group('Approval outcome after a reassignment', () => {
  test('only decisions of current approvers count', ({ assert }) => {
    // Quorum 2; user 1 approved and stayed, 2 and 3 were replaced by 9.
    const request = { mode: 'quorum' as const, quorum: 2, eligibleUserIds: [1, 9] }
    assert.equal(outcome(request, [{ userId: 1, decision: 'approved' }]), 'pending')
    // A stray vote of a removed approver does not count.
    assert.equal(
      outcome(request, [
        { userId: 1, decision: 'approved' },
        { userId: 2, decision: 'approved' },
      ]),
      'pending'
    )
    assert.equal(
      outcome(request, [
        { userId: 1, decision: 'approved' },
        { userId: 9, decision: 'approved' },
      ]),
      'approved'
    )
    assert.equal(
      outcome({ mode: 'all', quorum: 2, eligibleUserIds: [1, 9] }, [
        { userId: 1, decision: 'approved' },
        { userId: 9, decision: 'rejected' },
      ]),
      'rejected'
    )
  })
})
