import { DateTime } from 'luxon'
import Document, { DOCUMENT_TYPES } from '#documents/models/document'
import Contract from '#documents/models/contract'
import type { ContractDto, DocumentDto } from '#documents/dto'
import { accountNames } from '#finance/support/crm_accounts'
import { userNames } from '#finance/support/members'
import { pageOf, type ListQuery } from '#finance/support/http'

/** "Expiring" filters look this many days ahead (the daily scan's default window). */
const EXPIRING_WINDOW_DAYS = 30

export function documentDto(document: Document, uploaderName: string | null): DocumentDto {
  return {
    id: document.id,
    name: document.name,
    type: document.type,
    originalName: document.originalName,
    mimeType: document.mimeType,
    size: document.size,
    ownerType: document.ownerType,
    ownerId: document.ownerId,
    expiresOn: document.expiresOn?.toISODate() ?? null,
    uploadedBy: document.uploadedBy,
    uploaderName,
    createdAt: document.createdAt.toISO()!,
  }
}

export function contractDto(contract: Contract, accountName: string | null): ContractDto {
  return {
    id: contract.id,
    accountId: contract.accountId,
    accountName,
    title: contract.title,
    startDate: contract.startDate.toISODate()!,
    endDate: contract.endDate.toISODate()!,
    value: contract.value,
    currency: contract.currency,
    documentId: contract.documentId,
    createdAt: contract.createdAt.toISO()!,
  }
}

function expiringWindow() {
  const today = DateTime.utc()
  return [today.toISODate()!, today.plus({ days: EXPIRING_WINDOW_DAYS }).toISODate()!] as const
}

export const documentQueries = {
  /** `status` is a document type, or 'expiring' (within 30 days) or 'expired'. */
  async documents(tenantId: number, query: ListQuery) {
    const [today, until] = expiringWindow()
    const paginator = await Document.query()
      .where('tenant_id', tenantId)
      .if(DOCUMENT_TYPES.includes(query.status as never), (q) => q.where('type', query.status))
      .if(query.status === 'expiring', (q) => q.whereBetween('expires_on', [today, until]))
      .if(query.status === 'expired', (q) => q.where('expires_on', '<', today))
      .if(query.search, (q) =>
        q.where((inner) =>
          inner
            .whereILike('name', `%${query.search}%`)
            .orWhereILike('original_name', `%${query.search}%`)
        )
      )
      .if(
        query.sort === 'expiresOn',
        (q) => q.orderByRaw(`expires_on ${query.order} nulls last`),
        (q) => q.orderBy('created_at', query.order)
      )
      .orderBy('id', 'desc')
      .paginate(query.page, query.perPage)
    const names = await userNames(paginator.all().map((document) => document.uploadedBy))
    return pageOf(paginator, (document) =>
      documentDto(document, names.get(document.uploadedBy ?? 0) ?? null)
    )
  },

  /** `status` 'expiring' (ends within 30 days), 'active' or 'ended'. */
  async contracts(tenantId: number, query: ListQuery) {
    const [today, until] = expiringWindow()
    const paginator = await Contract.query()
      .where('tenant_id', tenantId)
      .if(query.status === 'expiring', (q) => q.whereBetween('end_date', [today, until]))
      .if(query.status === 'active', (q) =>
        q.where('start_date', '<=', today).where('end_date', '>=', today)
      )
      .if(query.status === 'ended', (q) => q.where('end_date', '<', today))
      .if(query.search, (q) => q.whereILike('title', `%${query.search}%`))
      .orderBy(query.sort === 'value' ? 'value' : 'end_date', query.sort ? query.order : 'asc')
      .orderBy('id')
      .paginate(query.page, query.perPage)
    const names = await accountNames(
      tenantId,
      paginator.all().map((contract) => contract.accountId)
    )
    return pageOf(paginator, (contract) =>
      contractDto(contract, names.get(contract.accountId) ?? null)
    )
  },

  /** Documents attached to a record (e.g. an invoice's PDF), newest first. */
  async ownedBy(tenantId: number, ownerType: string, ownerId: number | string) {
    const documents = await Document.query()
      .where('tenant_id', tenantId)
      .where('owner_type', ownerType)
      .where('owner_id', String(ownerId))
      .orderBy('created_at', 'desc')
      .limit(100)
    const names = await userNames(documents.map((document) => document.uploadedBy))
    return documents.map((document) =>
      documentDto(document, names.get(document.uploadedBy ?? 0) ?? null)
    )
  },

  /** Documents for the contract form's "attach document" picker. */
  async documentOptions(tenantId: number) {
    const documents = await Document.query()
      .where('tenant_id', tenantId)
      .orderBy('created_at', 'desc')
      .limit(200)
      .select('id', 'name')
    return documents.map((document) => ({ id: document.id, name: document.name }))
  },
}
