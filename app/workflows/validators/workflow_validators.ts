import vine from '@vinejs/vine'
import { PRIORITIES } from '#workflows/models/workflow'
import { EXECUTION_STATUSES } from '#workflows/models/execution'
import { MAX_TAG_LENGTH, MAX_TAGS, TAG_PATTERN } from '#workflows/engine/workflow_tags'

const name = vine.string().trim().minLength(1).maxLength(200)
const description = vine.string().trim().maxLength(5000).nullable()
/** Duplicates (after lower-casing) are merged by the service (normalizeTags), not refused. */
const tags = vine
  .array(
    vine.string().trim().toLowerCase().minLength(1).maxLength(MAX_TAG_LENGTH).regex(TAG_PATTERN)
  )
  .maxLength(MAX_TAGS)

export const createWorkflowValidator = vine.create({
  name,
  description: description.optional(),
  priority: vine.enum(PRIORITIES).optional(),
  tags: tags.optional(),
  /** Optional initial graph (import); its structure is checked by the engine schema. */
  graph: vine.any().optional(),
})

export const updateWorkflowValidator = vine.create({
  name: name.optional(),
  description: description.optional(),
  priority: vine.enum(PRIORITIES).optional(),
  tags: tags.optional(),
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

export const searchWorkflowsValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  limit: vine.number().min(1).max(20).withoutDecimals().optional(),
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
