import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { asNumber } from '#finance/support/columns'

export const DOCUMENT_TYPES = [
  'contract',
  'invoice',
  'receipt',
  'certificate',
  'license',
  'policy',
  'other',
] as const
export type DocumentType = (typeof DOCUMENT_TYPES)[number]

/** Metadata of an uploaded file; the bytes live on the Drive disk under `fileKey`. */
export default class Document extends BaseModel {
  static table = 'documents'

  @column({ isPrimary: true, ...asNumber })
  declare id: number

  @column({ serializeAs: null, ...asNumber })
  declare tenantId: number

  @column()
  declare name: string

  @column()
  declare type: DocumentType

  @column({ serializeAs: null })
  declare fileKey: string

  @column()
  declare originalName: string

  @column()
  declare mimeType: string | null

  @column(asNumber)
  declare size: number

  /** The record the document belongs to, e.g. ('invoice', '42'); both null when standalone. */
  @column()
  declare ownerType: string | null

  @column()
  declare ownerId: string | null

  @column.date()
  declare expiresOn: DateTime | null

  @column.date({ serializeAs: null })
  declare expiryNotifiedFor: DateTime | null

  @column(asNumber)
  declare uploadedBy: number | null

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
