import type { HttpContext } from '@adonisjs/core/http'
import { atLeast } from '#core/abilities'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Document, { DOCUMENT_TYPES } from '#documents/models/document'
import { documentService } from '#documents/services/document_service'
import { documentDto, documentQueries } from '#documents/queries/document_queries'
import { updateDocumentValidator, uploadDocumentValidator } from '#documents/validators/documents'
import { afterWrite, listQuery, wantsJson } from '#finance/support/http'

/** Uploaded documents: list, upload, edit metadata, download, delete. */
export default class DocumentsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'viewer')
    const query = await listQuery(ctx)
    const documents = await documentQueries.documents(ctx.tenant.id, query)
    if (wantsJson(ctx)) return documents
    return ctx.inertia.render('documents/index', {
      documents,
      query,
      types: [...DOCUMENT_TYPES],
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const { file, ...metadata } = await ctx.request.validateUsing(uploadDocumentValidator)
    const document = await documentService.upload(
      ctx.tenant.id,
      {
        path: file.tmpPath!,
        originalName: file.clientName,
        mimeType: file.type ? `${file.type}/${file.subtype}` : null,
        size: file.size,
      },
      metadata,
      { actorId: ctx.auth.user!.id }
    )
    return afterWrite(ctx, {
      record: documentDto(document, null),
      message: `"${document.name}" uploaded`,
      created: true,
    })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const existing = await findForTenantOrFail(Document, ctx.tenant.id, ctx.params.id)
    const input = await ctx.request.validateUsing(updateDocumentValidator)
    const document = await documentService.update(ctx.tenant.id, existing.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, { record: documentDto(document, null), message: 'Document saved' })
  }

  async download(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'viewer')
    const document = await findForTenantOrFail(Document, ctx.tenant.id, ctx.params.id)
    const stream = await documentService.stream(document)
    ctx.response.header('Content-Type', document.mimeType ?? 'application/octet-stream')
    ctx.response.header('Content-Length', String(document.size))
    ctx.response.header(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(document.originalName)}`
    )
    return ctx.response.stream(stream)
  }

  async destroy(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const document = await findForTenantOrFail(Document, ctx.tenant.id, ctx.params.id)
    await documentService.remove(ctx.tenant.id, document.id, { actorId: ctx.auth.user!.id })
    if (wantsJson(ctx)) return ctx.response.noContent()
    ctx.session.flash('success', `"${document.name}" deleted`)
    return ctx.response.redirect().back()
  }
}
