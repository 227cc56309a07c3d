import vine from '@vinejs/vine'
import { EXECUTION_STATUSES } from '#workflows/models/execution'
import { ERROR_CATEGORIES } from '#workflows/nodes/types'
import { EXECUTION_SORTS, type ExecutionFilters } from '#workflows/monitoring/execution_search'

const ENTITY = /^[a-z][a-z0-9_]{0,63}$/
const STATUS = `(${EXECUTION_STATUSES.join('|')})`
const STATUS_LIST = new RegExp(`^${STATUS}(,${STATUS})*$`)

/** Query string of the executions list (page and JSON API share it). */
export const executionFiltersValidator = vine.create({
  workflowId: vine.number().withoutDecimals().positive().optional(),
  // Comma-separated: ?status=failed,cancelled
  status: vine.string().trim().regex(STATUS_LIST).optional(),
  triggerType: vine
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,63}$/)
    .optional(),
  from: vine.date({ formats: { utc: true } }).optional(),
  to: vine.date({ formats: { utc: true } }).optional(),
  minDurationMs: vine.number().min(0).max(86_400_000_000).optional(),
  maxDurationMs: vine.number().min(0).max(86_400_000_000).optional(),
  errorCategory: vine.enum(ERROR_CATEGORIES).optional(),
  // "invoice:1042" (what the list links use) or entityType + entityId.
  entity: vine
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,63}:[\w-]{1,64}$/)
    .optional(),
  entityType: vine.string().trim().regex(ENTITY).optional(),
  entityId: vine
    .string()
    .trim()
    .regex(/^[\w-]{1,64}$/)
    .optional(),
  q: vine.string().trim().maxLength(200).optional(),
  sort: vine.enum(EXECUTION_SORTS).optional(),
  cursor: vine.string().trim().maxLength(400).optional(),
  limit: vine.number().withoutDecimals().range([1, 100]).optional(),
})

type Validated = Awaited<ReturnType<(typeof executionFiltersValidator)['validate']>>

/** Turns validated query input into search filters (unknown statuses are a 422 before this). */
export function toExecutionFilters(input: Validated): ExecutionFilters {
  const statuses = (input.status ?? '').split(',').filter(Boolean)
  const [entityType, entityId] = input.entity
    ? (input.entity.split(':') as [string, string])
    : [input.entityType, input.entityId]
  return {
    workflowId: input.workflowId,
    statuses: statuses.length ? statuses : undefined,
    triggerType: input.triggerType,
    from: input.from?.toISOString(),
    to: input.to?.toISOString(),
    minDurationMs: input.minDurationMs,
    maxDurationMs: input.maxDurationMs,
    errorCategory: input.errorCategory,
    entityType: entityType && entityId ? entityType : undefined,
    entityId: entityType && entityId ? entityId : undefined,
    text: input.q || undefined,
    sort: input.sort,
    cursor: input.cursor,
    limit: input.limit,
  }
}
