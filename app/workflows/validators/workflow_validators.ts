import vine from '@vinejs/vine'
import { PRIORITIES } from '#workflows/models/workflow'
import { EXECUTION_STATUSES } from '#workflows/models/execution'

const name = vine.string().trim().minLength(1).maxLength(200)
const description = vine.string().trim().maxLength(5000).nullable()

export const createWorkflowValidator = vine.create({
  name,
  description: description.optional(),
  priority: vine.enum(PRIORITIES).optional(),
  /** Optional initial graph (import); its structure is checked by the engine schema. */
  graph: vine.any().optional(),
})

export const updateWorkflowValidator = vine.create({
  name: name.optional(),
  description: description.optional(),
  priority: vine.enum(PRIORITIES).optional(),
})

export const draftValidator = vine.create({
  graph: vine.any(),
})

export const validateGraphValidator = vine.create({
  graph: vine.any().optional(),
})

export const publishValidator = vine.create({
  note: vine.string().trim().maxLength(1000).nullable().optional(),
})

export const runValidator = vine.create({
  input: vine.record(vine.any()).optional(),
  priority: vine.enum(PRIORITIES).optional(),
})

export const listWorkflowsValidator = vine.create({
  search: vine.string().trim().maxLength(200).optional(),
  status: vine.enum(['draft', 'active', 'paused', 'archived'] as const).optional(),
  page: vine.number().min(1).withoutDecimals().optional(),
  perPage: vine.number().min(1).max(100).withoutDecimals().optional(),
})

export const listExecutionsValidator = vine.create({
  workflowId: vine.number().min(1).withoutDecimals().optional(),
  status: vine.enum(EXECUTION_STATUSES).optional(),
  page: vine.number().min(1).withoutDecimals().optional(),
  perPage: vine.number().min(1).max(100).withoutDecimals().optional(),
})

export const listNotificationsValidator = vine.create({
  unread: vine.boolean().optional(),
  page: vine.number().min(1).withoutDecimals().optional(),
  perPage: vine.number().min(1).max(100).withoutDecimals().optional(),
})
