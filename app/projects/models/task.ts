import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { asNumber } from '#finance/support/columns'

export default class Task extends BaseModel {
  static table = 'project_tasks'

  @column({ isPrimary: true, ...asNumber })
  declare id: number

  @column({ serializeAs: null, ...asNumber })
  declare tenantId: number

  @column(asNumber)
  declare projectId: number

  @column(asNumber)
  declare milestoneId: number | null

  @column()
  declare title: string

  @column(asNumber)
  declare assigneeId: number | null

  @column.date()
  declare dueDate: DateTime | null

  @column()
  declare done: boolean

  @column.dateTime()
  declare doneAt: DateTime | null

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
