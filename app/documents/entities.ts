import { entityRegistry } from '#core/entities/registry'
import Document, { DOCUMENT_TYPES } from '#documents/models/document'
import Contract from '#documents/models/contract'
import { documentService } from '#documents/services/document_service'
import { contractService } from '#documents/services/contract_service'
import {
  createContractValidator,
  createDocumentValidator,
  updateContractValidator,
  updateDocumentValidator,
} from '#documents/validators/documents'
import { asRecord, findRecord, requireRowId } from '#finance/support/registry'

/**
 * Documents. `create` takes the file inline (`fileName` plus `content` text or `contentBase64`),
 * e.g. a PDF a workflow generated; it lands on the same Drive disk as browser uploads.
 */
entityRegistry.register({
  name: 'document',
  label: 'Document',
  module: 'documents',
  titleField: 'name',
  fields: [
    { key: 'id', label: 'ID', type: 'number', writable: false },
    { key: 'name', label: 'Name', type: 'string' },
    { key: 'type', label: 'Type', type: 'enum', options: [...DOCUMENT_TYPES] },
    { key: 'originalName', label: 'File name', type: 'string', writable: false },
    { key: 'mimeType', label: 'MIME type', type: 'string', writable: false },
    { key: 'size', label: 'Size (bytes)', type: 'number', writable: false },
    { key: 'ownerType', label: 'Owner type', type: 'string' },
    { key: 'ownerId', label: 'Owner id', type: 'string' },
    { key: 'expiresOn', label: 'Expires on', type: 'date' },
    {
      key: 'uploadedBy',
      label: 'Uploaded by',
      type: 'reference',
      reference: 'user',
      writable: false,
    },
    { key: 'createdAt', label: 'Uploaded at', type: 'datetime', writable: false },
  ],
  events: ['document.uploaded', 'document.updated', 'document.deleted', 'document.expiring'],
  operations: {
    find: (tenantId, id, opts) => findRecord(Document, tenantId, id, opts),
    async create(tenantId, data, opts = {}) {
      const { fileName, mimeType, content, contentBase64, ...metadata } =
        await createDocumentValidator.validate(data)
      const contents =
        contentBase64 !== undefined ? Buffer.from(contentBase64, 'base64') : (content ?? '')
      const document = await documentService.upload(
        tenantId,
        { contents, originalName: fileName, mimeType },
        metadata,
        opts
      )
      return asRecord(document)
    },
    async update(tenantId, id, data, opts = {}) {
      const input = await updateDocumentValidator.validate(data)
      return asRecord(await documentService.update(tenantId, requireRowId(id), input, opts))
    },
  },
})

entityRegistry.register({
  name: 'contract',
  label: 'Contract',
  module: 'documents',
  titleField: 'title',
  fields: [
    { key: 'id', label: 'ID', type: 'number', writable: false },
    { key: 'title', label: 'Title', type: 'string', required: true },
    {
      key: 'accountId',
      label: 'Customer',
      type: 'reference',
      reference: 'account',
      required: true,
    },
    { key: 'startDate', label: 'Start date', type: 'date', required: true },
    { key: 'endDate', label: 'End date', type: 'date', required: true },
    { key: 'value', label: 'Value', type: 'money' },
    { key: 'currency', label: 'Currency', type: 'string' },
    { key: 'documentId', label: 'Document', type: 'reference', reference: 'document' },
    { key: 'createdAt', label: 'Created at', type: 'datetime', writable: false },
  ],
  events: ['contract.created', 'contract.updated', 'contract.expiring'],
  operations: {
    find: (tenantId, id, opts) => findRecord(Contract, tenantId, id, opts),
    async create(tenantId, data, opts = {}) {
      const input = await createContractValidator.validate(data)
      return asRecord(await contractService.create(tenantId, input, opts))
    },
    async update(tenantId, id, data, opts = {}) {
      const input = await updateContractValidator.validate(data)
      return asRecord(await contractService.update(tenantId, requireRowId(id), input, opts))
    },
  },
})
