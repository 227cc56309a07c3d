import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export const STAGE_KINDS = ['open', 'won', 'lost'] as const
export type StageKind = (typeof STAGE_KINDS)[number]

/** One column of a tenant's sales pipeline; `position` orders them. */
export default class DealStage extends BaseModel {
  static table = 'crm_deal_stages'

  @column({ isPrimary: true })
  declare id: number

  @column({ serializeAs: null })
  declare tenantId: number

  @column()
  declare name: string

  @column()
  declare position: number

  @column()
  declare kind: StageKind

  /** Win probability in percent, used for the weighted pipeline value. */
  @column()
  declare probability: number

  @column.dateTime({ autoCreate: true, serializeAs: null })
  declare createdAt: DateTime
}
