import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { asNumber } from '#finance/support/columns'
import { percentOf } from '#finance/support/money'

export default class Budget extends BaseModel {
  static table = 'budgets'

  @column({ isPrimary: true, ...asNumber })
  declare id: number

  @column({ serializeAs: null, ...asNumber })
  declare tenantId: number

  @column()
  declare name: string

  /** Expense category the budget covers. */
  @column()
  declare category: string

  @column.date()
  declare periodStart: DateTime

  @column.date()
  declare periodEnd: DateTime

  @column(asNumber)
  declare limitAmount: number

  @column(asNumber)
  declare spentAmount: number

  @column()
  declare currency: string

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** Spent as a percentage of the limit, one decimal (may exceed 100). */
  get utilization() {
    return percentOf(this.spentAmount, this.limitAmount)
  }

  get remaining() {
    return this.limitAmount - this.spentAmount
  }

  serializeExtras() {
    return { utilization: this.utilization, remaining: this.remaining }
  }
}
