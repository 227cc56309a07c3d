import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type ExecutionStepStatus =
  'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled'

const json = { prepare: (value: unknown) => (value === null ? null : JSON.stringify(value)) }

/** The checkpoint of one step (node × scope) of an execution. */
export default class ExecutionStep extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column({ serializeAs: null })
  declare tenantId: number

  @column()
  declare executionId: number

  @column()
  declare nodeId: string

  @column()
  declare nodeType: string

  @column()
  declare scopeKey: string

  @column()
  declare idempotencyKey: string

  @column()
  declare status: ExecutionStepStatus

  @column()
  declare attempt: number

  @column()
  declare seq: number

  @column(json)
  declare input: unknown

  @column(json)
  declare output: unknown

  @column()
  declare port: string | null

  @column(json)
  declare error: Record<string, unknown> | null

  @column.dateTime()
  declare startedAt: DateTime | null

  @column.dateTime()
  declare finishedAt: DateTime | null

  @column()
  declare durationMs: number | null
}
