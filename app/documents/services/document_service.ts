import { randomUUID } from 'node:crypto'
import drive from '@adonisjs/drive/services/main'
import string from '@adonisjs/core/helpers/string'
import { recordEvent } from '#core/events/outbox'
import { toSnapshot } from '#core/events/snapshot'
import Document, { type DocumentType } from '#documents/models/document'
import { definedOnly } from '#finance/support/changes'
import { toDate, type DateInput } from '#finance/support/dates'
import {
  findByIdempotencyKey,
  inTransaction,
  type ServiceOptions,
} from '#finance/support/transactions'
import { recordUpdated } from '#finance/support/events'

/** The file of an upload: a temporary file on disk (HTTP multipart) or bytes in memory. */
export type UploadSource =
  | { path: string; originalName: string; mimeType?: string | null; size: number }
  | { contents: Uint8Array | string; originalName: string; mimeType?: string | null }

export interface DocumentInput {
  name?: string | null
  type?: DocumentType | null
  ownerType?: string | null
  ownerId?: string | number | null
  expiresOn?: DateInput | null
}

/**
 * Documents: the bytes go to the Drive disk, the metadata to `documents`. The file is written
 * first; when the database transaction then fails the file is removed again, so no row ever
 * points at a missing file.
 */
export class DocumentService {
  async upload(
    tenantId: number,
    source: UploadSource,
    input: DocumentInput,
    opts: ServiceOptions = {}
  ) {
    if (opts.idempotencyKey) {
      const existing = await inTransaction(opts.trx, (trx) =>
        findByIdempotencyKey(Document, trx, tenantId, opts.idempotencyKey)
      )
      if (existing) return existing
    }

    const disk = drive.use()
    const safeName =
      string.slug(source.originalName.replace(/\.[^.]+$/, '')).toLowerCase() || 'file'
    const extension = /\.([A-Za-z0-9]{1,10})$/.exec(source.originalName)?.[1]?.toLowerCase()
    const key = `tenants/${tenantId}/${randomUUID()}/${safeName}${extension ? `.${extension}` : ''}`
    let size: number
    if ('path' in source) {
      await disk.moveFromFs(source.path, key)
      size = source.size
    } else {
      await disk.put(key, source.contents)
      size =
        typeof source.contents === 'string'
          ? Buffer.byteLength(source.contents)
          : source.contents.byteLength
    }

    try {
      return await inTransaction(opts.trx, async (trx) => {
        const document = await Document.create(
          {
            tenantId,
            name: input.name?.trim() || source.originalName,
            type: input.type ?? 'other',
            fileKey: key,
            originalName: source.originalName,
            mimeType: source.mimeType ?? null,
            size,
            ownerType: input.ownerType ?? null,
            ownerId:
              input.ownerId === null || input.ownerId === undefined ? null : String(input.ownerId),
            expiresOn: input.expiresOn ? toDate(input.expiresOn) : null,
            uploadedBy: opts.actorId ?? null,
            idempotencyKey: opts.idempotencyKey ?? null,
          },
          { client: trx }
        )
        await recordEvent(trx, {
          tenantId,
          type: 'document.uploaded',
          aggregateType: 'document',
          aggregateId: document.id,
          payload: { entity: toSnapshot(document) },
          actorId: opts.actorId,
        })
        return document
      })
    } catch (error) {
      await disk.delete(key).catch(() => {})
      throw error
    }
  }

  /** Edits metadata. Moving the expiry date re-arms the expiry scan for the new date. */
  async update(tenantId: number, id: number, input: DocumentInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const document = await Document.query({ client: trx })
        .where('tenant_id', tenantId)
        .where('id', id)
        .forUpdate()
        .firstOrFail()
      const before = toSnapshot(document)
      document.merge(
        definedOnly({
          name: input.name?.trim() || undefined,
          type: input.type ?? undefined,
          ownerType: input.ownerType,
          ownerId:
            input.ownerId === undefined
              ? undefined
              : input.ownerId === null
                ? null
                : String(input.ownerId),
          expiresOn:
            input.expiresOn === undefined
              ? undefined
              : input.expiresOn
                ? toDate(input.expiresOn)
                : null,
        })
      )
      await document.useTransaction(trx).save()
      await recordUpdated(trx, 'document.updated', 'document', document, before, opts.actorId)
      return document
    })
  }

  /** Removes the row, then the file (a leftover file is harmless, a dangling row is not). */
  async remove(tenantId: number, id: number, opts: ServiceOptions = {}) {
    const document = await inTransaction(undefined, async (trx) => {
      const row = await Document.query({ client: trx })
        .where('tenant_id', tenantId)
        .where('id', id)
        .forUpdate()
        .firstOrFail()
      await trx.from('contracts').where('document_id', row.id).update({ document_id: null })
      await recordEvent(trx, {
        tenantId,
        type: 'document.deleted',
        aggregateType: 'document',
        aggregateId: row.id,
        payload: { entity: toSnapshot(row) },
        actorId: opts.actorId,
      })
      await row.useTransaction(trx).delete()
      return row
    })
    await drive
      .use()
      .delete(document.fileKey)
      .catch(() => {})
  }

  /** A readable stream of the file, for downloads. */
  async stream(document: Document) {
    return drive.use().getStream(document.fileKey)
  }
}

export const documentService = new DocumentService()
