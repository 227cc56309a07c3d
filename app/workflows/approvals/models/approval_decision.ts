import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type DecisionKind = 'approved' | 'rejected' | 'delegated'

/** One person's decision on an approval request (the audit trail; unique per request + user). */
export default class ApprovalDecision extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare tenantId: number

  @column()
  declare requestId: number

  @column()
  declare userId: number

  @column()
  declare decision: DecisionKind

  @column()
  declare comment: string | null

  @column({ prepare: (value: unknown) => JSON.stringify(value ?? {}) })
  declare formData: Record<string, unknown>

  @column()
  declare delegateUserId: number | null

  @column()
  declare via: 'inbox' | 'email' | 'api'

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
