import { test } from '@japa/runner'
import { truncateAll } from '#tests/helpers/db'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { waitForDispatches } from '#core/events/outbox'
import { projectService } from '#projects/services/project_service'
import { projectPlanService } from '#projects/services/project_plan_service'
import Milestone from '#projects/models/milestone'
import { countRows, createAccount, eventsOf, eventTypes } from '../invoicing/fixtures.js'

test.group('Projects | service', (group) => {
  group.each.setup(() => truncateAll())
  group.each.teardown(() => waitForDispatches())

  test('reaching a milestone emits project.milestone_reached once', async ({ assert }) => {
    const { tenant, user } = await createTenantWithUser()
    const accountId = await createAccount(tenant.id)
    const project = await projectService.create(tenant.id, {
      name: 'Website relaunch',
      accountId,
      startDate: '2026-01-01',
      endDate: '2026-06-30',
      budgetAmount: 2_000_000,
    })
    const design = await projectPlanService.addMilestone(tenant.id, {
      projectId: project.id,
      name: 'Design approved',
    })
    const launch = await projectPlanService.addMilestone(tenant.id, {
      projectId: project.id,
      name: 'Launch',
    })
    assert.deepEqual([design.position, launch.position], [1, 2])
    assert.deepEqual(await eventTypes(tenant.id), [
      'project.created',
      'project.milestone_added',
      'project.milestone_added',
    ])

    await projectPlanService.reachMilestone(tenant.id, design.id, { actorId: user.id })
    await assert.rejects(
      () => projectPlanService.reachMilestone(tenant.id, design.id),
      /already reached/
    )

    const events = await eventsOf(tenant.id, 'project.milestone_reached')
    assert.lengthOf(events, 1)
    assert.equal(events[0].aggregateType, 'milestone')
    assert.equal(events[0].payload.entity.name, 'Design approved')
    assert.equal(events[0].payload.entity.projectId, project.id)
    assert.deepEqual(events[0].payload.changes.reached, { from: false, to: true })
  })

  test('updateMilestone with reached=true behaves like reachMilestone', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const project = await projectService.create(tenant.id, { name: 'P' })
    const milestone = await projectPlanService.addMilestone(tenant.id, {
      projectId: project.id,
      name: 'M1',
    })

    await projectPlanService.updateMilestone(tenant.id, milestone.id, {
      reached: true,
      name: 'M1!',
    })
    await projectPlanService.updateMilestone(tenant.id, milestone.id, { reached: true })

    const fresh = await Milestone.findOrFail(milestone.id)
    assert.isTrue(fresh.reached)
    assert.equal(fresh.name, 'M1!')
    const [reached, ...rest] = await eventsOf(
      tenant.id,
      'project.milestone_reached',
      'project.milestone_updated'
    )
    assert.lengthOf(rest, 0)
    assert.equal(reached.type, 'project.milestone_reached')
    assert.deepEqual(reached.payload.changes.name, { from: 'M1', to: 'M1!' })
  })

  test('tasks: assignee must be a member, milestone must belong to the project', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser()
    const member = await addMember(tenant, 'builder')
    const outsider = await createTenantWithUser()
    const project = await projectService.create(tenant.id, { name: 'P' })
    const otherProject = await projectService.create(tenant.id, { name: 'Q' })
    const foreignMilestone = await projectPlanService.addMilestone(tenant.id, {
      projectId: otherProject.id,
      name: 'elsewhere',
    })

    const task = await projectPlanService.addTask(tenant.id, {
      projectId: project.id,
      title: 'Write copy',
      assigneeId: member.id,
      dueDate: '2026-02-01',
    })
    await assert.rejects(
      () =>
        projectPlanService.addTask(tenant.id, {
          projectId: project.id,
          title: 'x',
          assigneeId: outsider.user.id,
        }),
      /not a member/
    )
    await assert.rejects(
      () =>
        projectPlanService.addTask(tenant.id, {
          projectId: project.id,
          title: 'x',
          milestoneId: foreignMilestone.id,
        }),
      /not part of this project/
    )

    const done = await projectPlanService.updateTask(tenant.id, task.id, { done: true })
    assert.isTrue(done.done)
    assert.isNotNull(done.doneAt)
    await projectPlanService.updateTask(tenant.id, task.id, { title: 'Write the copy' })
    const taskEvents = await eventsOf(tenant.id, 'task.created', 'task.completed', 'task.updated')
    assert.deepEqual(
      taskEvents.map((event) => event.type),
      ['task.created', 'task.completed', 'task.updated']
    )
    assert.deepEqual(taskEvents[1].payload.changes.done, { from: false, to: true })
    assert.deepEqual(taskEvents[2].payload.changes, {
      title: { from: 'Write copy', to: 'Write the copy' },
    })
    assert.equal(await countRows('project_tasks'), 1)
  })

  test("another tenant's project is not found", async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const other = await createTenantWithUser()
    const project = await projectService.create(other.tenant.id, { name: 'Theirs' })

    await assert.rejects(
      () => projectPlanService.addMilestone(tenant.id, { projectId: project.id, name: 'x' }),
      /project does not exist/
    )
    await assert.rejects(
      () => projectService.update(tenant.id, project.id, { name: 'Mine now' }),
      /Row not found|E_ROW_NOT_FOUND/
    )
  })

  test('refuses an end date before the start date', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    await assert.rejects(
      () =>
        projectService.create(tenant.id, {
          name: 'Backwards',
          startDate: '2026-05-01',
          endDate: '2026-04-01',
        }),
      /end date cannot be before/
    )
    assert.equal(await countRows('projects'), 0)
  })
})
