/** What the project pages and JSON endpoints return (pure types, shared with the Vue pages). */

export type ProjectDto = {
  id: number
  name: string
  description: string | null
  accountId: number | null
  accountName: string | null
  status: string
  startDate: string | null
  endDate: string | null
  budgetAmount: number | null
  currency: string
  milestonesTotal: number
  milestonesReached: number
  tasksTotal: number
  tasksDone: number
  createdAt: string
}

export type MilestoneDto = {
  id: number
  projectId: number
  name: string
  dueDate: string | null
  position: number
  reached: boolean
  reachedAt: string | null
}

export type TaskDto = {
  id: number
  projectId: number
  milestoneId: number | null
  title: string
  assigneeId: number | null
  assigneeName: string | null
  dueDate: string | null
  done: boolean
  doneAt: string | null
}

export type ProjectDetailDto = ProjectDto & { milestones: MilestoneDto[]; tasks: TaskDto[] }
