import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { asNumber } from '#finance/support/columns'
import StockMovement from '#inventory/models/stock_movement'

export default class Item extends BaseModel {
  static table = 'inventory_items'

  @column({ isPrimary: true, ...asNumber })
  declare id: number

  @column({ serializeAs: null, ...asNumber })
  declare tenantId: number

  @column()
  declare sku: string

  @column()
  declare name: string

  @column()
  declare unit: string

  @column()
  declare stockOnHand: number

  @column()
  declare minimumStock: number

  @column(asNumber)
  declare unitCost: number | null

  @column()
  declare currency: string

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  @hasMany(() => StockMovement)
  declare movements: HasMany<typeof StockMovement>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get belowMinimum() {
    return this.stockOnHand < this.minimumStock
  }

  serializeExtras() {
    return { belowMinimum: this.belowMinimum }
  }
}
