import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#core/models/user'
import Account from '#crm/models/account'
import Contact from '#crm/models/contact'
import DealStage from '#crm/models/deal_stage'

export const DEAL_STATUSES = ['open', 'won', 'lost'] as const
export type DealStatus = (typeof DEAL_STATUSES)[number]

/** An opportunity moving through the pipeline. `amount` is in minor units of `currency`. */
export default class Deal extends BaseModel {
  static table = 'crm_deals'

  @column({ isPrimary: true })
  declare id: number

  @column({ serializeAs: null })
  declare tenantId: number

  @column()
  declare name: string

  @column()
  declare accountId: number | null

  @column()
  declare contactId: number | null

  @column()
  declare leadId: number | null

  @column()
  declare stageId: number

  @column()
  declare status: DealStatus

  @column()
  declare amount: number

  @column()
  declare currency: string

  @column()
  declare ownerId: number | null

  @column.date()
  declare expectedCloseDate: DateTime | null

  @column.dateTime()
  declare closedAt: DateTime | null

  @column()
  declare lostReason: string | null

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  @belongsTo(() => DealStage, { foreignKey: 'stageId' })
  declare stage: BelongsTo<typeof DealStage>

  @belongsTo(() => Account)
  declare account: BelongsTo<typeof Account>

  @belongsTo(() => Contact)
  declare contact: BelongsTo<typeof Contact>

  @belongsTo(() => User, { foreignKey: 'ownerId' })
  declare owner: BelongsTo<typeof User>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
