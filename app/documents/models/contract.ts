import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { asNumber } from '#finance/support/columns'

export default class Contract extends BaseModel {
  static table = 'contracts'

  @column({ isPrimary: true, ...asNumber })
  declare id: number

  @column({ serializeAs: null, ...asNumber })
  declare tenantId: number

  @column(asNumber)
  declare accountId: number

  @column()
  declare title: string

  @column.date()
  declare startDate: DateTime

  @column.date()
  declare endDate: DateTime

  /** Minor units of `currency`. */
  @column(asNumber)
  declare value: number

  @column()
  declare currency: string

  @column(asNumber)
  declare documentId: number | null

  @column.date({ serializeAs: null })
  declare expiryNotifiedFor: DateTime | null

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
