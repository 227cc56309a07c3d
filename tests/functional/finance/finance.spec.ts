import { test } from '@japa/runner'
import { truncateAll } from '#tests/helpers/db'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { waitForDispatches } from '#core/events/outbox'
import { expenseService } from '#finance/services/expense_service'
import { budgetService } from '#finance/services/budget_service'
import Budget from '#finance/models/budget'
import { eventsOf, eventTypes } from '../invoicing/fixtures.js'

async function travelBudget(tenantId: number) {
  return budgetService.create(tenantId, {
    name: 'Travel Q1',
    category: 'travel',
    periodStart: '2026-01-01',
    periodEnd: '2026-03-31',
    limitAmount: 100_000,
  })
}

test.group('Finance | expenses and budgets', (group) => {
  group.each.setup(() => truncateAll())
  group.each.teardown(() => waitForDispatches())

  test('submitting emits expense.submitted with the submitter', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser()

    const expense = await expenseService.submit(
      tenant.id,
      { description: 'Train to Lyon', category: 'travel', amount: 12_500, spentOn: '2026-02-03' },
      { actorId: user.id }
    )

    assert.equal(expense.status, 'submitted')
    assert.equal(expense.submitterId, user.id)
    const [event] = await eventsOf(tenant.id, 'expense.submitted')
    assert.equal(event.payload.entity.amount, 12_500)
    assert.equal(event.payload.entity.status, 'submitted')
    assert.equal(event.payload.entity.submitterId, user.id)
  })

  test('approving books the amount on the covering budget and emits budget.updated', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const budget = await travelBudget(tenant.id)
    const expense = await expenseService.submit(tenant.id, {
      description: 'Flights',
      category: 'travel',
      amount: 85_000,
      spentOn: '2026-02-10',
    })

    await expenseService.approve(tenant.id, expense.id, { actorId: user.id })

    await budget.refresh()
    assert.equal(budget.spentAmount, 85_000)
    assert.equal(budget.utilization, 85)
    assert.deepEqual(await eventTypes(tenant.id), [
      'budget.created',
      'expense.submitted',
      'expense.approved',
      'budget.updated',
    ])
    const [approved] = await eventsOf(tenant.id, 'expense.approved')
    assert.equal(approved.payload.entity.budgetId, budget.id)
    assert.deepEqual(approved.payload.changes.status, { from: 'submitted', to: 'approved' })
    const [updated] = await eventsOf(tenant.id, 'budget.updated')
    assert.deepEqual(updated.payload.changes.spentAmount, { from: 0, to: 85_000 })
    assert.deepEqual(updated.payload.changes.utilization, { from: 0, to: 85 })
    assert.equal(updated.payload.entity.remaining, 15_000)
  })

  test('an expense outside every budget is approved without budget events', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    await travelBudget(tenant.id)
    const expense = await expenseService.submit(tenant.id, {
      description: 'Laptop',
      category: 'hardware',
      amount: 150_000,
      spentOn: '2026-02-10',
    })
    const approved = await expenseService.approve(tenant.id, expense.id)
    assert.isNull(approved.budgetId)
    assert.deepEqual(await eventTypes(tenant.id), [
      'budget.created',
      'expense.submitted',
      'expense.approved',
    ])
  })

  test('decisions are final: no second decision, no edit, nothing changes', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const budget = await travelBudget(tenant.id)
    const expense = await expenseService.submit(tenant.id, {
      description: 'Taxi',
      category: 'travel',
      amount: 4_000,
      spentOn: '2026-01-20',
    })
    await expenseService.reject(tenant.id, expense.id, 'No receipt')

    await assert.rejects(() => expenseService.approve(tenant.id, expense.id), /already rejected/)
    await assert.rejects(
      () => expenseService.update(tenant.id, expense.id, { amount: 1 }),
      /rejected expense cannot be edited/
    )
    await expense.refresh()
    await budget.refresh()
    assert.equal(expense.status, 'rejected')
    assert.equal(expense.rejectionReason, 'No receipt')
    assert.equal(expense.amount, 4_000)
    assert.equal(budget.spentAmount, 0)
    assert.deepEqual(await eventTypes(tenant.id), [
      'budget.created',
      'expense.submitted',
      'expense.rejected',
    ])
  })

  test('rejecting needs a reason; submitter must be a member', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const outsider = await createTenantWithUser()
    const member = await addMember(tenant, 'viewer')
    const expense = await expenseService.submit(tenant.id, {
      description: 'Lunch',
      category: 'meals',
      amount: 2_000,
      submitterId: member.id,
    })
    await assert.rejects(() => expenseService.reject(tenant.id, expense.id, '  '), /reason/)
    await assert.rejects(
      () =>
        expenseService.submit(tenant.id, {
          description: 'x',
          category: 'meals',
          amount: 1,
          submitterId: outsider.user.id,
        }),
      /not a member/
    )
  })

  test('budget limit changes emit budget.updated with the utilization change', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser()
    const budget = await travelBudget(tenant.id)
    const expense = await expenseService.submit(tenant.id, {
      description: 'Hotel',
      category: 'travel',
      amount: 50_000,
      spentOn: '2026-03-01',
    })
    await expenseService.approve(tenant.id, expense.id)

    await budgetService.update(tenant.id, budget.id, { limitAmount: 200_000 })
    await budgetService.update(tenant.id, budget.id, { limitAmount: 200_000 })

    const updates = await eventsOf(tenant.id, 'budget.updated')
    assert.lengthOf(updates, 2)
    assert.deepEqual(updates[1].payload.changes.limitAmount, { from: 100_000, to: 200_000 })
    assert.deepEqual(updates[1].payload.changes.utilization, { from: 50, to: 25 })
    const fresh = await Budget.findOrFail(budget.id)
    assert.equal(fresh.utilization, 25)
  })

  test('correcting a submitted expense emits expense.updated with the changes', async ({
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser()
    const expense = await expenseService.submit(tenant.id, {
      description: 'Hotel',
      category: 'travel',
      amount: 10_000,
    })

    await expenseService.update(tenant.id, expense.id, { amount: 12_000 }, { actorId: user.id })
    await expenseService.update(tenant.id, expense.id, { amount: 12_000 })

    const updates = await eventsOf(tenant.id, 'expense.updated')
    assert.lengthOf(updates, 1)
    assert.deepEqual(updates[0].payload.changes, { amount: { from: 10_000, to: 12_000 } })
    assert.equal(updates[0].actorId, user.id)
  })
})
