import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { asNumber } from '#finance/support/columns'

export default class Milestone extends BaseModel {
  static table = 'project_milestones'

  @column({ isPrimary: true, ...asNumber })
  declare id: number

  @column({ serializeAs: null, ...asNumber })
  declare tenantId: number

  @column(asNumber)
  declare projectId: number

  @column()
  declare name: string

  @column.date()
  declare dueDate: DateTime | null

  @column()
  declare position: number

  @column()
  declare reached: boolean

  @column.dateTime()
  declare reachedAt: DateTime | null

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
