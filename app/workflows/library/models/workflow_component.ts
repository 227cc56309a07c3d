import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A workflow marked as a reusable component of the library (see migration 0201). */
export default class WorkflowComponent extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare tenantId: number

  @column()
  declare workflowId: number

  /** Palette label; null shows the workflow's name. */
  @column()
  declare name: string | null

  @column()
  declare description: string | null

  @column()
  declare category: string | null

  @column()
  declare icon: string | null

  @column()
  declare createdBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
