import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import ExecutionStep from '#workflows/models/execution_step'
import type { Priority } from '#workflows/models/workflow'

export const EXECUTION_STATUSES = [
  'queued',
  'running',
  'waiting',
  'succeeded',
  'failed',
  'cancelled',
] as const
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number]
export const FINISHED_STATUSES: ExecutionStatus[] = ['succeeded', 'failed', 'cancelled']

const json = { prepare: (value: unknown) => (value === null ? null : JSON.stringify(value)) }

/** One run of a workflow version. The worker holding the lease is the only one advancing it. */
export default class Execution extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare tenantId: number

  @column()
  declare workflowId: number

  @column()
  declare versionId: number

  @column()
  declare status: ExecutionStatus

  @column()
  declare triggerType: string

  @column()
  declare triggerKey: string | null

  @column()
  declare priority: Priority

  @column(json)
  declare input: unknown

  @column(json)
  declare output: unknown

  @column(json)
  declare error: Record<string, unknown> | null

  @column()
  declare startedBy: number | null

  @column({ serializeAs: null })
  declare leaseOwner: string | null

  @column.dateTime({ serializeAs: null })
  declare leaseExpiresAt: DateTime | null

  @column()
  declare stepCount: number

  @hasMany(() => ExecutionStep)
  declare steps: HasMany<typeof ExecutionStep>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime()
  declare startedAt: DateTime | null

  @column.dateTime()
  declare finishedAt: DateTime | null

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isFinished() {
    return FINISHED_STATUSES.includes(this.status)
  }
}
