import { BaseModel, column } from '@adonisjs/lucid/orm'

/** One priced line of a quote; `lineTotal` = quantity × unitPrice (before tax). */
export default class QuoteLine extends BaseModel {
  static table = 'crm_quote_lines'

  @column({ isPrimary: true })
  declare id: number

  @column({ serializeAs: null })
  declare tenantId: number

  @column({ serializeAs: null })
  declare quoteId: number

  @column()
  declare position: number

  @column()
  declare description: string

  @column()
  declare quantity: number

  @column()
  declare unitPrice: number

  /** Basis points: 2000 = 20 %. */
  @column()
  declare taxRateBp: number

  @column()
  declare lineTotal: number
}
