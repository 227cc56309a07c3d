import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#core/models/user'

export const LEAD_STATUSES = ['new', 'qualified', 'converted', 'lost'] as const
export type LeadStatus = (typeof LEAD_STATUSES)[number]

export const LEAD_SOURCES = [
  'website',
  'referral',
  'event',
  'cold_call',
  'advertising',
  'partner',
  'other',
] as const
export type LeadSource = (typeof LEAD_SOURCES)[number]

/** A potential customer not yet qualified into an account and a deal. */
export default class Lead extends BaseModel {
  static table = 'crm_leads'

  @column({ isPrimary: true })
  declare id: number

  @column({ serializeAs: null })
  declare tenantId: number

  @column()
  declare name: string

  @column()
  declare company: string | null

  @column()
  declare email: string | null

  @column()
  declare phone: string | null

  @column()
  declare source: LeadSource

  /** 0–100, higher is hotter. */
  @column()
  declare score: number

  @column()
  declare status: LeadStatus

  @column()
  declare ownerId: number | null

  @column()
  declare notes: string | null

  @column()
  declare lostReason: string | null

  @column.dateTime()
  declare convertedAt: DateTime | null

  @column()
  declare convertedAccountId: number | null

  @column()
  declare convertedContactId: number | null

  @column()
  declare convertedDealId: number | null

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  @belongsTo(() => User, { foreignKey: 'ownerId' })
  declare owner: BelongsTo<typeof User>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
