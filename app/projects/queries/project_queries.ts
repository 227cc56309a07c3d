import db from '@adonisjs/lucid/services/db'
import Project, { PROJECT_STATUSES } from '#projects/models/project'
import type Milestone from '#projects/models/milestone'
import type Task from '#projects/models/task'
import type { MilestoneDto, ProjectDetailDto, ProjectDto, TaskDto } from '#projects/dto'
import { accountNames } from '#finance/support/crm_accounts'
import { userNames } from '#finance/support/members'
import { pageOf, type ListQuery } from '#finance/support/http'

type Progress = {
  milestonesTotal: number
  milestonesReached: number
  tasksTotal: number
  tasksDone: number
}

function projectDto(project: Project, accountName: string | null, progress: Progress): ProjectDto {
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    accountId: project.accountId,
    accountName,
    status: project.status,
    startDate: project.startDate?.toISODate() ?? null,
    endDate: project.endDate?.toISODate() ?? null,
    budgetAmount: project.budgetAmount,
    currency: project.currency,
    ...progress,
    createdAt: project.createdAt.toISO()!,
  }
}

export function milestoneDto(milestone: Milestone): MilestoneDto {
  return {
    id: milestone.id,
    projectId: milestone.projectId,
    name: milestone.name,
    dueDate: milestone.dueDate?.toISODate() ?? null,
    position: milestone.position,
    reached: milestone.reached,
    reachedAt: milestone.reachedAt?.toISO() ?? null,
  }
}

export function taskDto(task: Task, assigneeName: string | null): TaskDto {
  return {
    id: task.id,
    projectId: task.projectId,
    milestoneId: task.milestoneId,
    title: task.title,
    assigneeId: task.assigneeId,
    assigneeName,
    dueDate: task.dueDate?.toISODate() ?? null,
    done: task.done,
    doneAt: task.doneAt?.toISO() ?? null,
  }
}

/** Milestone and task counts per project, in two grouped queries. */
async function progressOf(projectIds: number[]) {
  const progress = new Map<number, Progress>(
    projectIds.map((id) => [
      id,
      { milestonesTotal: 0, milestonesReached: 0, tasksTotal: 0, tasksDone: 0 },
    ])
  )
  if (projectIds.length === 0) return progress
  const milestones = await db
    .from('project_milestones')
    .whereIn('project_id', projectIds)
    .groupBy('project_id')
    .select('project_id')
    .count('* as total')
    .select(db.raw('count(*) filter (where reached) as reached'))
  for (const row of milestones) {
    const entry = progress.get(Number(row.project_id))!
    entry.milestonesTotal = Number(row.total)
    entry.milestonesReached = Number(row.reached)
  }
  const tasks = await db
    .from('project_tasks')
    .whereIn('project_id', projectIds)
    .groupBy('project_id')
    .select('project_id')
    .count('* as total')
    .select(db.raw('count(*) filter (where done) as done'))
  for (const row of tasks) {
    const entry = progress.get(Number(row.project_id))!
    entry.tasksTotal = Number(row.total)
    entry.tasksDone = Number(row.done)
  }
  return progress
}

export const projectQueries = {
  async list(tenantId: number, query: ListQuery) {
    const paginator = await Project.query()
      .where('tenant_id', tenantId)
      .if(PROJECT_STATUSES.includes(query.status as never), (q) => q.where('status', query.status))
      .if(query.search, (q) => q.whereILike('name', `%${query.search}%`))
      .orderBy(query.sort === 'name' ? 'name' : 'created_at', query.order)
      .orderBy('id', 'desc')
      .paginate(query.page, query.perPage)
    const projects = paginator.all()
    const names = await accountNames(
      tenantId,
      projects.map((project) => project.accountId)
    )
    const progress = await progressOf(projects.map((project) => project.id))
    return pageOf(paginator, (project) =>
      projectDto(project, names.get(project.accountId ?? 0) ?? null, progress.get(project.id)!)
    )
  },

  async detail(project: Project): Promise<ProjectDetailDto> {
    await project.load('milestones', (q) => q.orderBy('position').orderBy('id'))
    await project.load('tasks', (q) =>
      q.orderBy('done').orderByRaw('due_date nulls last').orderBy('id')
    )
    const names = await accountNames(project.tenantId, [project.accountId])
    const assignees = await userNames(project.tasks.map((task) => task.assigneeId))
    const progress = await progressOf([project.id])
    return {
      ...projectDto(project, names.get(project.accountId ?? 0) ?? null, progress.get(project.id)!),
      milestones: project.milestones.map(milestoneDto),
      tasks: project.tasks.map((task) =>
        taskDto(task, assignees.get(task.assigneeId ?? 0) ?? null)
      ),
    }
  },
}
