import { entityRegistry } from '#core/entities/registry'
import Invoice, { INVOICE_STATUSES } from '#invoicing/models/invoice'
import { invoiceService } from '#invoicing/services/invoice_service'
import { createInvoiceValidator, updateInvoiceValidator } from '#invoicing/validators/invoice'
import { BusinessRuleError } from '#finance/support/business_error'
import { asRecord, findRecord, requireRowId } from '#finance/support/registry'

/**
 * Invoices for the workflow module. `update` also accepts `status: 'sent' | 'void'`, which runs
 * the same send / void actions as the buttons on the invoice page.
 */
entityRegistry.register({
  name: 'invoice',
  label: 'Invoice',
  module: 'invoicing',
  titleField: 'number',
  fields: [
    { key: 'id', label: 'ID', type: 'number', writable: false },
    { key: 'number', label: 'Number', type: 'string' },
    {
      key: 'accountId',
      label: 'Customer',
      type: 'reference',
      reference: 'account',
      required: true,
    },
    { key: 'status', label: 'Status', type: 'enum', options: [...INVOICE_STATUSES] },
    { key: 'currency', label: 'Currency', type: 'string' },
    { key: 'issueDate', label: 'Issue date', type: 'date' },
    { key: 'dueDate', label: 'Due date', type: 'date' },
    { key: 'subtotal', label: 'Subtotal', type: 'money', writable: false },
    { key: 'taxTotal', label: 'Tax', type: 'money', writable: false },
    { key: 'total', label: 'Total', type: 'money', writable: false },
    { key: 'amountPaid', label: 'Amount paid', type: 'money', writable: false },
    { key: 'balance', label: 'Balance due', type: 'money', writable: false },
    { key: 'notes', label: 'Notes', type: 'text' },
    { key: 'sentAt', label: 'Sent at', type: 'datetime', writable: false },
    { key: 'paidAt', label: 'Paid at', type: 'datetime', writable: false },
    { key: 'createdAt', label: 'Created at', type: 'datetime', writable: false },
  ],
  events: [
    'invoice.created',
    'invoice.updated',
    'invoice.sent',
    'invoice.overdue',
    'invoice.paid',
    'invoice.voided',
  ],
  operations: {
    find: (tenantId, id, opts) =>
      findRecord(Invoice, tenantId, id, opts, (row) =>
        invoiceService.loadWithLines(row as Invoice, opts?.trx)
      ),

    async create(tenantId, data, opts = {}) {
      const input = await createInvoiceValidator.validate(data)
      return asRecord(await invoiceService.create(tenantId, input, opts))
    },

    async update(tenantId, id, data, opts = {}) {
      const { status, ...fields } = data
      const invoiceId = requireRowId(id)
      let invoice = await invoiceService.loadWithLines(
        await Invoice.query({ client: opts.trx })
          .where('tenant_id', tenantId)
          .where('id', invoiceId)
          .firstOrFail(),
        opts.trx
      )
      if (Object.keys(fields).length > 0) {
        const input = await updateInvoiceValidator.validate(fields)
        invoice = await invoiceService.update(tenantId, invoiceId, input, opts)
      }
      // Asking for the status the invoice already has is a no-op, so a retried step succeeds.
      if (status !== undefined && status !== invoice.status) {
        if (status === 'sent') invoice = await invoiceService.send(tenantId, invoiceId, opts)
        else if (status === 'void') invoice = await invoiceService.void(tenantId, invoiceId, opts)
        else {
          throw new BusinessRuleError(
            `An invoice's status can be set to sent or void; "${String(status)}" follows from payments and due dates`,
            'status'
          )
        }
      }
      return asRecord(invoice)
    },
  },
})
