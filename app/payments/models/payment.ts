import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { asNumber } from '#finance/support/columns'
import Invoice from '#invoicing/models/invoice'

export const PAYMENT_METHODS = ['bank_transfer', 'card', 'cash', 'check', 'other'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

export default class Payment extends BaseModel {
  static table = 'payments'

  @column({ isPrimary: true, ...asNumber })
  declare id: number

  @column({ serializeAs: null, ...asNumber })
  declare tenantId: number

  @column(asNumber)
  declare invoiceId: number

  /** Minor units of `currency` (always the invoice's currency). */
  @column(asNumber)
  declare amount: number

  @column()
  declare currency: string

  @column()
  declare method: PaymentMethod

  @column.date()
  declare paidOn: DateTime

  @column()
  declare reference: string | null

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  @column(asNumber)
  declare createdBy: number | null

  @belongsTo(() => Invoice)
  declare invoice: BelongsTo<typeof Invoice>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
