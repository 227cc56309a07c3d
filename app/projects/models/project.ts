import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { asNumber } from '#finance/support/columns'
import Milestone from '#projects/models/milestone'
import Task from '#projects/models/task'

export const PROJECT_STATUSES = ['planned', 'active', 'on_hold', 'completed', 'cancelled'] as const
export type ProjectStatus = (typeof PROJECT_STATUSES)[number]

export default class Project extends BaseModel {
  static table = 'projects'

  @column({ isPrimary: true, ...asNumber })
  declare id: number

  @column({ serializeAs: null, ...asNumber })
  declare tenantId: number

  @column()
  declare name: string

  @column()
  declare description: string | null

  @column(asNumber)
  declare accountId: number | null

  @column()
  declare status: ProjectStatus

  @column.date()
  declare startDate: DateTime | null

  @column.date()
  declare endDate: DateTime | null

  @column(asNumber)
  declare budgetAmount: number | null

  @column()
  declare currency: string

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  @hasMany(() => Milestone)
  declare milestones: HasMany<typeof Milestone>

  @hasMany(() => Task)
  declare tasks: HasMany<typeof Task>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
