import vine from '@vinejs/vine'
import { DOCUMENT_TYPES } from '#documents/models/document'
import { currencyField, dateField, idField, moneyField } from '#finance/support/fields'

const ownerType = () =>
  vine
    .string()
    .trim()
    .maxLength(40)
    .regex(/^[a-z][a-z0-9_]*$/)

const metadata = {
  name: vine.string().trim().minLength(1).maxLength(255).optional(),
  type: vine.enum(DOCUMENT_TYPES).optional(),
  ownerType: ownerType().nullable().optional(),
  ownerId: vine.string().trim().maxLength(40).nullable().optional(),
  expiresOn: dateField().nullable().optional(),
}

/** Multipart upload from the documents page: the file plus its metadata. */
export const uploadDocumentValidator = vine.create({
  file: vine.file({ size: '20mb' }),
  ...metadata,
})

/** Registry / API create without multipart: text or base64 content. */
export const createDocumentValidator = vine.create({
  ...metadata,
  fileName: vine.string().trim().minLength(1).maxLength(255),
  mimeType: vine.string().trim().maxLength(150).nullable().optional(),
  content: vine.string().maxLength(10_000_000).optional().requiredIfMissing('contentBase64'),
  contentBase64: vine.string().maxLength(14_000_000).optional(),
})

export const updateDocumentValidator = vine.create(metadata)

const contractFields = {
  accountId: idField(),
  title: vine.string().trim().minLength(1).maxLength(200),
  startDate: dateField(),
  endDate: dateField().afterOrSameAs('startDate'),
  value: moneyField().optional(),
  currency: currencyField().optional(),
  documentId: idField().nullable().optional(),
}

export const createContractValidator = vine.create(contractFields)

export const updateContractValidator = vine.create({
  accountId: idField().optional(),
  title: vine.string().trim().minLength(1).maxLength(200).optional(),
  startDate: dateField().optional(),
  endDate: dateField().optional(),
  value: moneyField().optional(),
  currency: currencyField().optional(),
  documentId: idField().nullable().optional(),
})
