import { test } from '@japa/runner'
import { truncateAll } from '#tests/helpers/db'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { inertiaPage } from '#tests/helpers/inertia'
import { waitForDispatches } from '#core/events/outbox'
import { projectService } from '#projects/services/project_service'
import { createAccount, eventTypes } from '../invoicing/fixtures.js'

test.group('Projects | HTTP', (group) => {
  group.each.setup(() => truncateAll())
  group.each.teardown(() => waitForDispatches())

  test('a builder creates a project, adds a milestone and a task, reaches the milestone', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    const accountId = await createAccount(tenant.id, 'Umbrella')
    const json = { Accept: 'application/json' }

    const created = await client
      .post('/projects')
      .json({ name: 'Migration', accountId, startDate: '2026-01-01', endDate: '2026-02-01' })
      .headers(json)
      .withCsrfToken()
      .loginAs(user)
    created.assertStatus(201)
    const projectId = created.body().data.id

    const milestone = await client
      .post(`/projects/${projectId}/milestones`)
      .json({ name: 'Cut-over', dueDate: '2026-01-20' })
      .headers(json)
      .withCsrfToken()
      .loginAs(user)
    milestone.assertStatus(201)
    const task = await client
      .post(`/projects/${projectId}/tasks`)
      .json({ title: 'Freeze writes', assigneeId: user.id })
      .headers(json)
      .withCsrfToken()
      .loginAs(user)
    task.assertStatus(201)

    const reached = await client
      .post(`/projects/milestones/${milestone.body().data.id}/reach`)
      .headers(json)
      .withCsrfToken()
      .loginAs(user)
    reached.assertStatus(200)
    const again = await client
      .post(`/projects/milestones/${milestone.body().data.id}/reach`)
      .headers(json)
      .withCsrfToken()
      .loginAs(user)
    again.assertStatus(422)

    const page = inertiaPage(await client.get(`/projects/${projectId}`).loginAs(user))
    assert.equal(page.component, 'projects/show')
    assert.equal(page.props.project.accountName, 'Umbrella')
    assert.equal(page.props.project.milestonesReached, 1)
    assert.equal(page.props.project.tasks[0].assigneeName, user.fullName)
    assert.deepEqual(await eventTypes(tenant.id), [
      'project.created',
      'project.milestone_added',
      'task.created',
      'project.milestone_reached',
    ])
  })

  test('viewers cannot write and other tenants get 404', async ({ client, assert }) => {
    const { tenant } = await createTenantWithUser()
    const viewer = await addMember(tenant, 'viewer')
    const stranger = await createTenantWithUser('owner')
    const project = await projectService.create(tenant.id, { name: 'Secret' })

    const list = inertiaPage(await client.get('/projects').loginAs(viewer))
    assert.equal(list.props.projects.meta.total, 1)
    const write = await client
      .post('/projects')
      .json({ name: 'x' })
      .header('Accept', 'application/json')
      .withCsrfToken()
      .loginAs(viewer)
    write.assertStatus(403)
    const foreign = await client
      .get(`/projects/${project.id}`)
      .header('Accept', 'application/json')
      .loginAs(stranger.user)
    foreign.assertStatus(404)
  })
})
