import vine from '@vinejs/vine'
import { PROJECT_STATUSES } from '#projects/models/project'
import { currencyField, dateField, idField, moneyField } from '#finance/support/fields'

const projectFields = {
  name: vine.string().trim().minLength(1).maxLength(200),
  description: vine.string().trim().maxLength(5000).nullable().optional(),
  accountId: idField().nullable().optional(),
  status: vine.enum(PROJECT_STATUSES).optional(),
  startDate: dateField().nullable().optional(),
  endDate: dateField().nullable().optional(),
  budgetAmount: moneyField().nullable().optional(),
  currency: currencyField().optional(),
}

export const createProjectValidator = vine.create(projectFields)

export const updateProjectValidator = vine.create({
  ...projectFields,
  name: vine.string().trim().minLength(1).maxLength(200).optional(),
})

export const createMilestoneValidator = vine.create({
  projectId: idField(),
  name: vine.string().trim().minLength(1).maxLength(200),
  dueDate: dateField().nullable().optional(),
  position: vine.number().withoutDecimals().min(0).optional(),
})

export const updateMilestoneValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(200).optional(),
  dueDate: dateField().nullable().optional(),
  position: vine.number().withoutDecimals().min(0).optional(),
  reached: vine.boolean().optional(),
})

export const createTaskValidator = vine.create({
  projectId: idField(),
  milestoneId: idField().nullable().optional(),
  title: vine.string().trim().minLength(1).maxLength(300),
  assigneeId: idField().nullable().optional(),
  dueDate: dateField().nullable().optional(),
})

export const updateTaskValidator = vine.create({
  milestoneId: idField().nullable().optional(),
  title: vine.string().trim().minLength(1).maxLength(300).optional(),
  assigneeId: idField().nullable().optional(),
  dueDate: dateField().nullable().optional(),
  done: vine.boolean().optional(),
})
