import { BaseModel, column } from '@adonisjs/lucid/orm'
import { asNumber } from '#finance/support/columns'

export default class InvoiceLine extends BaseModel {
  static table = 'invoice_lines'

  @column({ isPrimary: true, ...asNumber })
  declare id: number

  @column({ serializeAs: null, ...asNumber })
  declare tenantId: number

  @column({ serializeAs: null, ...asNumber })
  declare invoiceId: number

  @column()
  declare position: number

  @column()
  declare description: string

  @column(asNumber)
  declare quantity: number

  @column(asNumber)
  declare unitPrice: number

  /** Basis points: 2000 = 20 %. */
  @column()
  declare taxRateBps: number

  @column(asNumber)
  declare subtotal: number

  @column(asNumber)
  declare tax: number

  @column(asNumber)
  declare total: number
}
