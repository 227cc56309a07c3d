import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type EscalationKind = 'added' | 'reassigned'

const ids = { consume: (value: Array<string | number>) => (value ?? []).map(Number) }

/** One escalation of an overdue approval request (see migration 0191). */
export default class ApprovalEscalation extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare tenantId: number

  @column()
  declare requestId: number

  @column()
  declare kind: EscalationKind

  /** Approvers who lost the right to decide (empty when approvers were only added). */
  @column(ids)
  declare fromUserIds: number[]

  /** Approvers who got the right to decide. */
  @column(ids)
  declare toUserIds: number[]

  @column()
  declare reason: string

  @column.dateTime()
  declare previousDueAt: DateTime | null

  @column.dateTime()
  declare nextDueAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
