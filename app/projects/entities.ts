import { entityRegistry } from '#core/entities/registry'
import Project, { PROJECT_STATUSES } from '#projects/models/project'
import Milestone from '#projects/models/milestone'
import Task from '#projects/models/task'
import { projectService } from '#projects/services/project_service'
import { projectPlanService } from '#projects/services/project_plan_service'
import {
  createMilestoneValidator,
  createProjectValidator,
  createTaskValidator,
  updateMilestoneValidator,
  updateProjectValidator,
  updateTaskValidator,
} from '#projects/validators/project'
import { asRecord, findRecord, requireRowId } from '#finance/support/registry'

const timestamps = [
  { key: 'createdAt', label: 'Created at', type: 'datetime', writable: false },
  { key: 'updatedAt', label: 'Updated at', type: 'datetime', writable: false },
] as const

entityRegistry.register({
  name: 'project',
  label: 'Project',
  module: 'projects',
  titleField: 'name',
  fields: [
    { key: 'id', label: 'ID', type: 'number', writable: false },
    { key: 'name', label: 'Name', type: 'string', required: true },
    { key: 'description', label: 'Description', type: 'text' },
    { key: 'accountId', label: 'Customer', type: 'reference', reference: 'account' },
    { key: 'status', label: 'Status', type: 'enum', options: [...PROJECT_STATUSES] },
    { key: 'startDate', label: 'Start date', type: 'date' },
    { key: 'endDate', label: 'End date', type: 'date' },
    { key: 'budgetAmount', label: 'Budget', type: 'money' },
    { key: 'currency', label: 'Currency', type: 'string' },
    ...timestamps,
  ],
  events: ['project.created', 'project.updated'],
  operations: {
    find: (tenantId, id, opts) => findRecord(Project, tenantId, id, opts),
    async create(tenantId, data, opts = {}) {
      const input = await createProjectValidator.validate(data)
      return asRecord(await projectService.create(tenantId, input, opts))
    },
    async update(tenantId, id, data, opts = {}) {
      const input = await updateProjectValidator.validate(data)
      return asRecord(await projectService.update(tenantId, requireRowId(id), input, opts))
    },
  },
})

/** Setting `reached: true` through `update` reaches the milestone (event included). */
entityRegistry.register({
  name: 'milestone',
  label: 'Project milestone',
  module: 'projects',
  titleField: 'name',
  fields: [
    { key: 'id', label: 'ID', type: 'number', writable: false },
    { key: 'projectId', label: 'Project', type: 'reference', reference: 'project', required: true },
    { key: 'name', label: 'Name', type: 'string', required: true },
    { key: 'dueDate', label: 'Due date', type: 'date' },
    { key: 'position', label: 'Position', type: 'number' },
    { key: 'reached', label: 'Reached', type: 'boolean' },
    { key: 'reachedAt', label: 'Reached at', type: 'datetime', writable: false },
    ...timestamps,
  ],
  events: ['project.milestone_added', 'project.milestone_updated', 'project.milestone_reached'],
  operations: {
    find: (tenantId, id, opts) => findRecord(Milestone, tenantId, id, opts),
    async create(tenantId, data, opts = {}) {
      const input = await createMilestoneValidator.validate(data)
      return asRecord(await projectPlanService.addMilestone(tenantId, input, opts))
    },
    async update(tenantId, id, data, opts = {}) {
      const input = await updateMilestoneValidator.validate(data)
      return asRecord(
        await projectPlanService.updateMilestone(tenantId, requireRowId(id), input, opts)
      )
    },
  },
})

entityRegistry.register({
  name: 'task',
  label: 'Project task',
  module: 'projects',
  titleField: 'title',
  fields: [
    { key: 'id', label: 'ID', type: 'number', writable: false },
    { key: 'projectId', label: 'Project', type: 'reference', reference: 'project', required: true },
    { key: 'milestoneId', label: 'Milestone', type: 'reference', reference: 'milestone' },
    { key: 'title', label: 'Title', type: 'string', required: true },
    { key: 'assigneeId', label: 'Assignee', type: 'reference', reference: 'user' },
    { key: 'dueDate', label: 'Due date', type: 'date' },
    { key: 'done', label: 'Done', type: 'boolean' },
    { key: 'doneAt', label: 'Done at', type: 'datetime', writable: false },
    ...timestamps,
  ],
  events: ['task.created', 'task.updated', 'task.completed'],
  operations: {
    find: (tenantId, id, opts) => findRecord(Task, tenantId, id, opts),
    async create(tenantId, data, opts = {}) {
      const input = await createTaskValidator.validate(data)
      return asRecord(await projectPlanService.addTask(tenantId, input, opts))
    },
    async update(tenantId, id, data, opts = {}) {
      const input = await updateTaskValidator.validate(data)
      return asRecord(await projectPlanService.updateTask(tenantId, requireRowId(id), input, opts))
    },
  },
})
