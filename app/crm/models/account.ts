import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#core/models/user'

/** A client company. `healthScore` (0–100) summarises how healthy the relationship is. */
export default class Account extends BaseModel {
  static table = 'crm_accounts'

  @column({ isPrimary: true })
  declare id: number

  @column({ serializeAs: null })
  declare tenantId: number

  @column()
  declare name: string

  @column()
  declare industry: string | null

  @column()
  declare website: string | null

  @column()
  declare email: string | null

  @column()
  declare phone: string | null

  @column()
  declare healthScore: number

  @column()
  declare ownerId: number | null

  @column()
  declare notes: string | null

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  @belongsTo(() => User, { foreignKey: 'ownerId' })
  declare owner: BelongsTo<typeof User>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
