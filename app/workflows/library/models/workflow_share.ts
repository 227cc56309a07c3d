import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A component shared by its owner tenant with a grantee tenant (see migration 0202). */
export default class WorkflowShare extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare componentId: number

  @column()
  declare ownerTenantId: number

  @column()
  declare granteeTenantId: number

  @column()
  declare createdBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  /** Set when the owner stopped sharing; new calls are refused from then on. */
  @column.dateTime()
  declare revokedAt: DateTime | null

  @column()
  declare revokedBy: number | null
}
