import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { asNumber } from '#finance/support/columns'
import InvoiceLine from '#invoicing/models/invoice_line'

export const INVOICE_STATUSES = [
  'draft',
  'sent',
  'partially_paid',
  'paid',
  'overdue',
  'void',
] as const
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number]

/** Statuses in which an invoice still expects money. */
export const OPEN_STATUSES: InvoiceStatus[] = ['sent', 'partially_paid', 'overdue']

export default class Invoice extends BaseModel {
  static table = 'invoices'

  @column({ isPrimary: true, ...asNumber })
  declare id: number

  @column({ serializeAs: null, ...asNumber })
  declare tenantId: number

  @column()
  declare number: string

  @column(asNumber)
  declare accountId: number

  @column()
  declare status: InvoiceStatus

  @column()
  declare currency: string

  @column.date()
  declare issueDate: DateTime

  @column.date()
  declare dueDate: DateTime

  /** Amounts in minor units of `currency`. */
  @column(asNumber)
  declare subtotal: number

  @column(asNumber)
  declare taxTotal: number

  @column(asNumber)
  declare total: number

  @column(asNumber)
  declare amountPaid: number

  @column()
  declare notes: string | null

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  @column(asNumber)
  declare createdBy: number | null

  @column.dateTime()
  declare sentAt: DateTime | null

  @column.dateTime()
  declare paidAt: DateTime | null

  @column.dateTime()
  declare overdueAt: DateTime | null

  @column.dateTime()
  declare voidedAt: DateTime | null

  @hasMany(() => InvoiceLine)
  declare lines: HasMany<typeof InvoiceLine>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** What is still owed. */
  get balance() {
    return Math.max(0, this.total - this.amountPaid)
  }

  serializeExtras() {
    return { balance: this.balance }
  }
}
