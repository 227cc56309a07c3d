import { test } from '@japa/runner'
import { outcome } from '#workflows/approvals/decisions'
import { signDecisionLink, verifyDecisionLink } from '#workflows/approvals/signed_links'
import { approvalNode } from '#workflows/nodes/actions/approval'

const request = (mode: 'any' | 'all' | 'quorum', eligible: number, quorum = 1) => ({
  mode,
  quorum,
  eligibleUserIds: Array.from({ length: eligible }, (_, i) => i + 1),
})
const d = (...list: string[]) => list.map((decision, i) => ({ userId: i + 1, decision }))

test.group('Approval outcome rules', () => {
  test('any: the first decision decides', ({ assert }) => {
    assert.equal(outcome(request('any', 3), d()), 'pending')
    assert.equal(outcome(request('any', 3), d('approved')), 'approved')
    assert.equal(outcome(request('any', 3), d('rejected')), 'rejected')
  })

  test('all: every approver must approve; one rejection rejects', ({ assert }) => {
    assert.equal(outcome(request('all', 3), d('approved', 'approved')), 'pending')
    assert.equal(outcome(request('all', 3), d('approved', 'approved', 'approved')), 'approved')
    assert.equal(outcome(request('all', 3), d('approved', 'rejected')), 'rejected')
  })

  test('quorum: N approvals approve; rejected once N is out of reach', ({ assert }) => {
    assert.equal(outcome(request('quorum', 3, 2), d('approved')), 'pending')
    assert.equal(outcome(request('quorum', 3, 2), d('approved', 'approved')), 'approved')
    assert.equal(outcome(request('quorum', 3, 2), d('rejected')), 'pending')
    assert.equal(outcome(request('quorum', 3, 2), d('rejected', 'rejected')), 'rejected')
    // Delegation does not count as a vote either way.
    assert.equal(outcome(request('quorum', 3, 2), d('delegated', 'approved')), 'pending')
  })
})

test.group('Signed decision links', () => {
  const link = { requestId: 5, userId: 9, decision: 'approved' as const, expiresAt: 2_000 }

  test('a signed link verifies until it expires', ({ assert }) => {
    const token = signDecisionLink(link)
    assert.deepEqual(verifyDecisionLink(token, 1_000), { ok: true, link })
    assert.deepEqual(verifyDecisionLink(token, 3_000), { ok: false, reason: 'expired' })
  })

  test('a changed body or signature is invalid', ({ assert }) => {
    const [body, signature] = signDecisionLink(link).split('.')
    const other = signDecisionLink({ ...link, userId: 10 }).split('.')[0]
    assert.deepEqual(verifyDecisionLink(`${other}.${signature}`, 1_000), {
      ok: false,
      reason: 'invalid',
    })
    assert.deepEqual(verifyDecisionLink(`${body}.x${signature.slice(1)}`, 1_000), {
      ok: false,
      reason: 'invalid',
    })
    assert.deepEqual(verifyDecisionLink('garbage', 1_000), { ok: false, reason: 'invalid' })
  })
})

test.group('Approval node', () => {
  const run = (config: Record<string, unknown>) =>
    approvalNode.execute({ config: { ...approvalNode.defaults, ...config } } as any)

  test('describes the request as an approval wait with a due date', async ({ assert }) => {
    const result = await run({
      title: 'Expense',
      approvers: { userIds: ['3'], roles: ['admin'] },
      approverExpression: '7, boss@example.com',
      mode: 'quorum',
      quorum: 2,
      dueAt: '2030-01-01T10:00:00Z',
    })
    assert.equal(result.wait?.kind, 'approval')
    assert.equal(result.wait?.until, '2030-01-01T10:00:00.000Z')
    assert.deepInclude(result.wait?.data as object, {
      userIds: [3],
      roles: ['admin'],
      references: ['7', 'boss@example.com'],
      mode: 'quorum',
      quorum: 2,
    })
  })

  test('refuses a request nobody could decide or with a bad due date', async ({ assert }) => {
    await assert.rejects(
      () => run({ approvers: {}, approverExpression: '' }),
      /at least one approver/
    )
    await assert.rejects(() => run({ dueIn: 'soonish' }), /not a duration/)
  })
})
