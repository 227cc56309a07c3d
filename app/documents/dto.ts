/** What the document and contract pages and JSON endpoints return (shared with the Vue pages). */

export type DocumentDto = {
  id: number
  name: string
  type: string
  originalName: string
  mimeType: string | null
  size: number
  ownerType: string | null
  ownerId: string | null
  expiresOn: string | null
  uploadedBy: number | null
  uploaderName: string | null
  createdAt: string
}

export type ContractDto = {
  id: number
  accountId: number
  accountName: string | null
  title: string
  startDate: string
  endDate: string
  value: number
  currency: string
  documentId: number | null
  createdAt: string
}
