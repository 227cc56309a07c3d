import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'task'] as const
export type ActivityType = (typeof ACTIVITY_TYPES)[number]

/** A call, email, meeting or task, linked to any of lead / deal / account / contact. */
export default class Activity extends BaseModel {
  static table = 'crm_activities'

  @column({ isPrimary: true })
  declare id: number

  @column({ serializeAs: null })
  declare tenantId: number

  @column()
  declare type: ActivityType

  @column()
  declare subject: string

  @column()
  declare notes: string | null

  @column.dateTime()
  declare dueAt: DateTime | null

  @column()
  declare done: boolean

  @column.dateTime()
  declare doneAt: DateTime | null

  @column()
  declare ownerId: number | null

  @column()
  declare accountId: number | null

  @column()
  declare contactId: number | null

  @column()
  declare leadId: number | null

  @column()
  declare dealId: number | null

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
