import type { HttpContext } from '@adonisjs/core/http'
import { atLeast } from '#core/abilities'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Project, { PROJECT_STATUSES } from '#projects/models/project'
import Milestone from '#projects/models/milestone'
import Task from '#projects/models/task'
import { projectService } from '#projects/services/project_service'
import { projectPlanService } from '#projects/services/project_plan_service'
import { projectQueries } from '#projects/queries/project_queries'
import {
  createMilestoneValidator,
  createProjectValidator,
  createTaskValidator,
  updateMilestoneValidator,
  updateProjectValidator,
  updateTaskValidator,
} from '#projects/validators/project'
import { accountOptions } from '#finance/support/crm_accounts'
import { memberOptions } from '#finance/support/members'
import { afterWrite, listQuery, wantsJson } from '#finance/support/http'

/** Projects with their milestones and tasks (viewer reads, builder writes). */
export default class ProjectsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'viewer')
    const query = await listQuery(ctx)
    const projects = await projectQueries.list(ctx.tenant.id, query)
    if (wantsJson(ctx)) return projects
    return ctx.inertia.render('projects/index', {
      projects,
      query,
      statuses: [...PROJECT_STATUSES],
      accounts: await accountOptions(ctx.tenant.id),
      currency: ctx.tenant.currency,
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const input = await ctx.request.validateUsing(createProjectValidator)
    const project = await projectService.create(ctx.tenant.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, {
      record: project.serialize(),
      message: `Project "${project.name}" created`,
      redirectTo: `/projects/${project.id}`,
      created: true,
    })
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'viewer')
    const project = await findForTenantOrFail(Project, ctx.tenant.id, ctx.params.id)
    const detail = await projectQueries.detail(project)
    if (wantsJson(ctx)) return { data: detail }
    return ctx.inertia.render('projects/show', {
      project: detail,
      statuses: [...PROJECT_STATUSES],
      accounts: await accountOptions(ctx.tenant.id),
      members: await memberOptions(ctx.tenant.id),
    })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const existing = await findForTenantOrFail(Project, ctx.tenant.id, ctx.params.id)
    const input = await ctx.request.validateUsing(updateProjectValidator)
    const project = await projectService.update(ctx.tenant.id, existing.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, { record: project.serialize(), message: 'Project saved' })
  }

  async storeMilestone(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const project = await findForTenantOrFail(Project, ctx.tenant.id, ctx.params.id)
    const input = await ctx.request.validateUsing(createMilestoneValidator, {
      data: { ...ctx.request.all(), projectId: project.id },
    })
    const milestone = await projectPlanService.addMilestone(ctx.tenant.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, {
      record: milestone.serialize(),
      message: `Milestone "${milestone.name}" added`,
      created: true,
    })
  }

  async updateMilestone(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const existing = await findForTenantOrFail(Milestone, ctx.tenant.id, ctx.params.id)
    const input = await ctx.request.validateUsing(updateMilestoneValidator)
    const milestone = await projectPlanService.updateMilestone(ctx.tenant.id, existing.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, { record: milestone.serialize(), message: 'Milestone saved' })
  }

  async reachMilestone(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const existing = await findForTenantOrFail(Milestone, ctx.tenant.id, ctx.params.id)
    const milestone = await projectPlanService.reachMilestone(ctx.tenant.id, existing.id, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, {
      record: milestone.serialize(),
      message: `Milestone "${milestone.name}" reached`,
    })
  }

  async storeTask(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const project = await findForTenantOrFail(Project, ctx.tenant.id, ctx.params.id)
    const input = await ctx.request.validateUsing(createTaskValidator, {
      data: { ...ctx.request.all(), projectId: project.id },
    })
    const task = await projectPlanService.addTask(ctx.tenant.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, { record: task.serialize(), message: 'Task added', created: true })
  }

  async updateTask(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const existing = await findForTenantOrFail(Task, ctx.tenant.id, ctx.params.id)
    const input = await ctx.request.validateUsing(updateTaskValidator)
    const task = await projectPlanService.updateTask(ctx.tenant.id, existing.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, { record: task.serialize(), message: 'Task saved' })
  }
}
