import { entityRegistry } from '#core/entities/registry'
import Payment, { PAYMENT_METHODS } from '#payments/models/payment'
import { paymentService } from '#payments/services/payment_service'
import { recordPaymentValidator } from '#payments/validators/payment'
import { BusinessRuleError } from '#finance/support/business_error'
import { asRecord, findRecord } from '#finance/support/registry'

/** Payments are recorded, never edited (a wrong payment is corrected by the accountant). */
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
  events: ['payment.received'],
  operations: {
    find: (tenantId, id, opts) => findRecord(Payment, tenantId, id, opts),
    async create(tenantId, data, opts = {}) {
      const input = await recordPaymentValidator.validate(data)
      return asRecord(await paymentService.record(tenantId, input, opts))
    },
    async update() {
      throw new BusinessRuleError('A recorded payment cannot be changed')
    },
  },
})
