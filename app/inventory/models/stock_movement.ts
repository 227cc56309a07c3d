import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { asNumber } from '#finance/support/columns'

export const MOVEMENT_KINDS = ['receipt', 'issue', 'adjustment'] as const
export type MovementKind = (typeof MOVEMENT_KINDS)[number]

/** Append-only: a movement is never edited, a correction is another movement. */
export default class StockMovement extends BaseModel {
  static table = 'stock_movements'

  @column({ isPrimary: true, ...asNumber })
  declare id: number

  @column({ serializeAs: null, ...asNumber })
  declare tenantId: number

  @column(asNumber)
  declare itemId: number

  @column()
  declare kind: MovementKind

  /** Signed change of stock on hand. */
  @column()
  declare quantity: number

  @column()
  declare balanceAfter: number

  @column()
  declare reference: string | null

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  @column(asNumber)
  declare actorId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
