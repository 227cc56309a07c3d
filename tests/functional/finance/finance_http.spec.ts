import { test } from '@japa/runner'
import { truncateAll } from '#tests/helpers/db'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { inertiaPage } from '#tests/helpers/inertia'
import { waitForDispatches } from '#core/events/outbox'
import { budgetService } from '#finance/services/budget_service'
import { expenseService } from '#finance/services/expense_service'
import { eventTypes } from '../invoicing/fixtures.js'

const json = { Accept: 'application/json' }

test.group('Finance | HTTP', (group) => {
  group.each.setup(() => truncateAll())
  group.each.teardown(() => waitForDispatches())

  test('a builder submits, an approver approves; the budget page shows utilization', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const approver = await addMember(tenant, 'approver')
    await budgetService.create(tenant.id, {
      name: 'Software 2026',
      category: 'software',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      limitAmount: 10_000,
    })

    const submitted = await client
      .post('/finance/expenses')
      .json({
        description: 'IDE licence',
        category: 'software',
        amount: 9_000,
        spentOn: '2026-05-01',
      })
      .headers(json)
      .withCsrfToken()
      .loginAs(user)
    submitted.assertStatus(201)
    assert.equal(submitted.body().data.submitterId, user.id)

    const byBuilder = await client
      .post(`/finance/expenses/${submitted.body().data.id}/approve`)
      .headers(json)
      .withCsrfToken()
      .loginAs(user)
    byBuilder.assertStatus(200)

    const page = inertiaPage(await client.get('/finance/budgets').loginAs(approver))
    assert.equal(page.component, 'finance/budgets')
    assert.equal(page.props.budgets.data[0].utilization, 90)
    const near = inertiaPage(await client.get('/finance/budgets?status=near').loginAs(approver))
    assert.lengthOf(near.props.budgets.data, 1)
    assert.deepEqual(await eventTypes(tenant.id), [
      'budget.created',
      'expense.submitted',
      'expense.approved',
      'budget.updated',
    ])
  })

  test('viewers cannot submit or decide; rejecting needs a reason', async ({ client, assert }) => {
    const { tenant } = await createTenantWithUser()
    const viewer = await addMember(tenant, 'viewer')
    const approver = await addMember(tenant, 'approver')
    const expense = await expenseService.submit(tenant.id, {
      description: 'Dinner',
      category: 'meals',
      amount: 5_000,
    })

    const submit = await client
      .post('/finance/expenses')
      .json({ description: 'x', category: 'meals', amount: 1 })
      .headers(json)
      .withCsrfToken()
      .loginAs(viewer)
    submit.assertStatus(403)
    const decide = await client
      .post(`/finance/expenses/${expense.id}/approve`)
      .headers(json)
      .withCsrfToken()
      .loginAs(viewer)
    decide.assertStatus(403)

    const noReason = await client
      .post(`/finance/expenses/${expense.id}/reject`)
      .json({ reason: '' })
      .headers(json)
      .withCsrfToken()
      .loginAs(approver)
    noReason.assertStatus(422)
    assert.equal(noReason.body().errors[0].field, 'reason')

    const rejected = await client
      .post(`/finance/expenses/${expense.id}/reject`)
      .json({ reason: 'Personal' })
      .headers(json)
      .withCsrfToken()
      .loginAs(approver)
    rejected.assertStatus(200)

    const list = inertiaPage(await client.get('/finance/expenses?status=rejected').loginAs(viewer))
    assert.equal(list.props.expenses.data[0].rejectionReason, 'Personal')
  })
})
