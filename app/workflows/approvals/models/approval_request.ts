import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import type { ApprovalFormField } from '#workflows/approvals/types'
import ApprovalDecision from '#workflows/approvals/models/approval_decision'

export type ApprovalMode = 'any' | 'all' | 'quorum'
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'timed_out' | 'cancelled'

const json = {
  prepare: (value: unknown) => JSON.stringify(value ?? null),
}

/** One approval step waiting for people (see migration 0190). */
export default class ApprovalRequest extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare tenantId: number

  @column()
  declare executionId: number

  @column()
  declare workflowId: number

  @column()
  declare nodeId: string

  @column()
  declare scopeKey: string

  @column()
  declare title: string

  @column()
  declare description: string | null

  @column()
  declare mode: ApprovalMode

  @column()
  declare quorum: number

  @column({ consume: (value: Array<string | number>) => (value ?? []).map(Number) })
  declare eligibleUserIds: number[]

  @column(json)
  declare form: ApprovalFormField[]

  @column(json)
  declare context: Record<string, unknown>

  @column()
  declare status: ApprovalStatus

  @column.dateTime()
  declare dueAt: DateTime | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => ApprovalDecision, { foreignKey: 'requestId' })
  declare decisions: HasMany<typeof ApprovalDecision>
}
