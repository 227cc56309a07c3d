import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** An in-app notification (the bell) for one user in one tenant. */
export default class Notification extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column({ serializeAs: null })
  declare tenantId: number

  @column({ serializeAs: null })
  declare userId: number

  @column()
  declare title: string

  @column()
  declare body: string | null

  @column()
  declare link: string | null

  @column()
  declare level: 'info' | 'success' | 'warning' | 'error'

  @column()
  declare executionId: number | null

  @column({ serializeAs: null })
  declare dedupeKey: string | null

  @column.dateTime()
  declare readAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
