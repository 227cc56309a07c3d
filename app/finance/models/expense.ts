import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { asNumber } from '#finance/support/columns'

export const EXPENSE_STATUSES = ['submitted', 'approved', 'rejected'] as const
export type ExpenseStatus = (typeof EXPENSE_STATUSES)[number]

export const EXPENSE_CATEGORIES = [
  'travel',
  'meals',
  'software',
  'hardware',
  'office',
  'marketing',
  'training',
  'other',
] as const

export default class Expense extends BaseModel {
  static table = 'expenses'

  @column({ isPrimary: true, ...asNumber })
  declare id: number

  @column({ serializeAs: null, ...asNumber })
  declare tenantId: number

  @column(asNumber)
  declare submitterId: number | null

  @column()
  declare description: string

  @column()
  declare category: string

  @column(asNumber)
  declare amount: number

  @column()
  declare currency: string

  @column.date()
  declare spentOn: DateTime

  @column()
  declare status: ExpenseStatus

  /** The budget the approved amount was booked against, if one covered it. */
  @column(asNumber)
  declare budgetId: number | null

  @column(asNumber)
  declare decidedBy: number | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column()
  declare rejectionReason: string | null

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
