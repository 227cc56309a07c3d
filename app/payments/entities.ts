import { entityRegistry } from '#core/entities/registry'
import Payment, { PAYMENT_METHODS } from '#payments/models/payment'
import { paymentService } from '#payments/services/payment_service'
import { recordPaymentValidator, updatePaymentValidator } from '#payments/validators/payment'
import { BusinessRuleError } from '#finance/support/business_error'
import { asRecord, findRecord, requireRowId } from '#finance/support/registry'

/** Payments: `create` records one; `update` corrects its details (never its amount). */
entityRegistry.register({
  name: 'payment',
  label: 'Payment',
  module: 'payments',
  titleField: 'reference',
  fields: [
    { key: 'id', label: 'ID', type: 'number', writable: false },
    { key: 'invoiceId', label: 'Invoice', type: 'reference', reference: 'invoice', required: true },
    { key: 'amount', label: 'Amount', type: 'money', required: true },
    { key: 'currency', label: 'Currency', type: 'string' },
    { key: 'method', label: 'Method', type: 'enum', options: [...PAYMENT_METHODS] },
    { key: 'paidOn', label: 'Paid on', type: 'date' },
    { key: 'reference', label: 'Reference', type: 'string' },
    { key: 'createdAt', label: 'Recorded at', type: 'datetime', writable: false },
  ],
  events: ['payment.received', 'payment.updated'],
  operations: {
    find: (tenantId, id, opts) => findRecord(Payment, tenantId, id, opts),
    async create(tenantId, data, opts = {}) {
      const input = await recordPaymentValidator.validate(data)
      return asRecord(await paymentService.record(tenantId, input, opts))
    },
    async update(tenantId, id, data, opts = {}) {
      const { amount, invoiceId, currency, ...details } = data
      if (amount !== undefined || invoiceId !== undefined || currency !== undefined) {
        throw new BusinessRuleError('The amount, currency and invoice of a payment cannot change')
      }
      const input = await updatePaymentValidator.validate(details)
      return asRecord(await paymentService.update(tenantId, requireRowId(id), input, opts))
    },
  },
})
