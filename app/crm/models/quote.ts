import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Account from '#crm/models/account'
import Deal from '#crm/models/deal'
import QuoteLine from '#crm/models/quote_line'

export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'declined', 'expired'] as const
export type QuoteStatus = (typeof QUOTE_STATUSES)[number]

/** A priced offer sent to a customer; amounts in minor units of `currency`. */
export default class Quote extends BaseModel {
  static table = 'crm_quotes'

  @column({ isPrimary: true })
  declare id: number

  @column({ serializeAs: null })
  declare tenantId: number

  @column()
  declare number: string

  @column()
  declare title: string

  @column()
  declare dealId: number | null

  @column()
  declare accountId: number | null

  @column()
  declare status: QuoteStatus

  @column()
  declare currency: string

  @column.date()
  declare validUntil: DateTime | null

  @column()
  declare subtotal: number

  @column()
  declare taxTotal: number

  @column()
  declare total: number

  @column()
  declare notes: string | null

  @column.dateTime()
  declare sentAt: DateTime | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column()
  declare declineReason: string | null

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  @hasMany(() => QuoteLine, { onQuery: (query) => query.orderBy('position', 'asc') })
  declare lines: HasMany<typeof QuoteLine>

  @belongsTo(() => Account)
  declare account: BelongsTo<typeof Account>

  @belongsTo(() => Deal)
  declare deal: BelongsTo<typeof Deal>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
