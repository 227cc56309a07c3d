import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A parked step: a delay (resume_at) or, later, an approval / event / callback. */
export default class ExecutionWait extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare tenantId: number

  @column()
  declare executionId: number

  @column()
  declare nodeId: string

  @column()
  declare scopeKey: string

  @column()
  declare kind: 'delay' | 'approval' | 'event' | 'callback'

  @column.dateTime()
  declare resumeAt: DateTime | null

  @column({ prepare: (value: unknown) => (value === null ? null : JSON.stringify(value)) })
  declare payload: Record<string, unknown> | null

  @column()
  declare status: 'pending' | 'resumed' | 'cancelled'

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime()
  declare resumedAt: DateTime | null
}
