import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, computed } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Account from '#crm/models/account'

/** A person, usually working at an account. */
export default class Contact extends BaseModel {
  static table = 'crm_contacts'

  @column({ isPrimary: true })
  declare id: number

  @column({ serializeAs: null })
  declare tenantId: number

  @column()
  declare accountId: number | null

  @column()
  declare firstName: string

  @column()
  declare lastName: string | null

  @column()
  declare email: string | null

  @column()
  declare phone: string | null

  @column()
  declare title: string | null

  @column()
  declare ownerId: number | null

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  @belongsTo(() => Account)
  declare account: BelongsTo<typeof Account>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @computed()
  get fullName() {
    return [this.firstName, this.lastName].filter(Boolean).join(' ')
  }
}
