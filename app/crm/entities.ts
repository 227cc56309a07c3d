/**
 * CRM entities in the entity registry. Operations validate with the same VineJS validators as the
 * forms and write through the same services, so an automation creating a deal behaves exactly like
 * a person doing it (validation errors, business rules and events included).
 */
// The CRM's other process-wide registration: live update broadcasts for open pages.
import '#crm/listeners/live_updates'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import type { VineValidator } from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { entityRegistry } from '#core/entities/registry'
import type {
  EntityDefinition,
  EntityField,
  EntityOperationOptions,
  EntityOperations,
} from '#core/entities/types'
import { toSnapshot } from '#core/events/snapshot'
import Account from '#crm/models/account'
import Activity, { ACTIVITY_TYPES } from '#crm/models/activity'
import Contact from '#crm/models/contact'
import Deal, { DEAL_STATUSES } from '#crm/models/deal'
import Lead, { LEAD_SOURCES, LEAD_STATUSES } from '#crm/models/lead'
import Quote, { QUOTE_STATUSES } from '#crm/models/quote'
import { accountService } from '#crm/services/account_service'
import { activityService } from '#crm/services/activity_service'
import { contactService } from '#crm/services/contact_service'
import { dealService, dealSnapshot } from '#crm/services/deal_service'
import { leadService } from '#crm/services/lead_service'
import { quoteService, quoteSnapshot } from '#crm/services/quote_service'
import { createAccountValidator, updateAccountValidator } from '#crm/validators/accounts'
import { createActivityValidator, updateActivityValidator } from '#crm/validators/activities'
import { createContactValidator, updateContactValidator } from '#crm/validators/contacts'
import { createDealValidator, updateDealValidator } from '#crm/validators/deals'
import { createLeadValidator, updateLeadValidator } from '#crm/validators/leads'
import { createQuoteValidator, updateQuoteValidator } from '#crm/validators/quotes'

type Row = InstanceType<LucidModel> & { id: number }
type Snap = (row: any) => Promise<Record<string, unknown>> | Record<string, unknown>

/** Builds find/create/update from a model, two validators and the service's create/update. */
function operations<
  CreateV extends VineValidator<any, any>,
  UpdateV extends VineValidator<any, any>,
>(config: {
  model: LucidModel
  createValidator: CreateV
  updateValidator: UpdateV
  create: (tenantId: number, input: Infer<CreateV>, opts: EntityOperationOptions) => Promise<Row>
  update: (
    tenantId: number,
    id: number,
    input: Infer<UpdateV>,
    opts: EntityOperationOptions
  ) => Promise<Row>
  snapshot?: Snap
}): EntityOperations {
  const snapshot: Snap = config.snapshot ?? toSnapshot
  const numericId = (id: number | string) => {
    const value = Number(id)
    return Number.isSafeInteger(value) && value > 0 ? value : null
  }
  return {
    async find(tenantId, id, opts = {}) {
      const key = numericId(id)
      if (key === null) return null
      const row = await config.model
        .query({ client: opts.trx })
        .where('tenant_id', tenantId)
        .where('id', key)
        .first()
      return row ? { ...(await snapshot(row)), id: key } : null
    },
    async create(tenantId, data, opts = {}) {
      const input = await config.createValidator.validate(data)
      const row = await config.create(tenantId, input, opts)
      return { ...(await snapshot(row)), id: row.id }
    },
    async update(tenantId, id, data, opts = {}) {
      const key = numericId(id)
      const input = await config.updateValidator.validate(data)
      const row = await config.update(tenantId, key ?? 0, input, opts)
      return { ...(await snapshot(row)), id: row.id }
    },
  }
}

const owner: EntityField = { key: 'ownerId', label: 'Owner', type: 'reference', reference: 'user' }
const audit: EntityField[] = [
  { key: 'id', label: 'ID', type: 'number', writable: false },
  { key: 'createdAt', label: 'Created at', type: 'datetime', writable: false },
  { key: 'updatedAt', label: 'Updated at', type: 'datetime', writable: false },
]

const definitions: EntityDefinition[] = [
  {
    name: 'lead',
    label: 'Lead',
    module: 'crm',
    titleField: 'name',
    events: ['lead.created', 'lead.updated', 'lead.converted'],
    fields: [
      { key: 'name', label: 'Name', type: 'string', required: true },
      { key: 'company', label: 'Company', type: 'string' },
      { key: 'email', label: 'Email', type: 'string' },
      { key: 'phone', label: 'Phone', type: 'string' },
      { key: 'source', label: 'Source', type: 'enum', options: [...LEAD_SOURCES] },
      { key: 'score', label: 'Score', type: 'number' },
      { key: 'status', label: 'Status', type: 'enum', options: [...LEAD_STATUSES] },
      owner,
      { key: 'notes', label: 'Notes', type: 'text' },
      { key: 'lostReason', label: 'Lost reason', type: 'string' },
      ...audit,
    ],
    operations: operations({
      model: Lead,
      createValidator: createLeadValidator,
      updateValidator: updateLeadValidator,
      create: (t, i, o) => leadService.create(t, i, o),
      update: (t, id, i, o) => leadService.update(t, id, i, o),
    }),
  },
  {
    name: 'deal',
    label: 'Deal',
    module: 'crm',
    titleField: 'name',
    events: ['deal.created', 'deal.updated', 'deal.stage_changed', 'deal.won', 'deal.lost'],
    fields: [
      { key: 'name', label: 'Name', type: 'string', required: true },
      { key: 'amount', label: 'Amount', type: 'money' },
      { key: 'currency', label: 'Currency', type: 'string' },
      { key: 'stageId', label: 'Stage', type: 'reference', reference: 'deal_stage' },
      { key: 'status', label: 'Status', type: 'enum', options: [...DEAL_STATUSES] },
      { key: 'accountId', label: 'Account', type: 'reference', reference: 'account' },
      { key: 'contactId', label: 'Contact', type: 'reference', reference: 'contact' },
      owner,
      { key: 'expectedCloseDate', label: 'Expected close', type: 'date' },
      { key: 'lostReason', label: 'Lost reason', type: 'string' },
      { key: 'closedAt', label: 'Closed at', type: 'datetime', writable: false },
      ...audit,
    ],
    operations: operations({
      model: Deal,
      createValidator: createDealValidator,
      updateValidator: updateDealValidator,
      create: (t, i, o) => dealService.create(t, i, o),
      update: (t, id, i, o) => dealService.update(t, id, i, o),
      snapshot: (row: Deal) => dealSnapshot(row),
    }),
  },
  {
    name: 'account',
    label: 'Account',
    module: 'crm',
    titleField: 'name',
    events: ['account.created', 'account.updated'],
    fields: [
      { key: 'name', label: 'Name', type: 'string', required: true },
      { key: 'industry', label: 'Industry', type: 'string' },
      { key: 'website', label: 'Website', type: 'string' },
      { key: 'email', label: 'Email', type: 'string' },
      { key: 'phone', label: 'Phone', type: 'string' },
      { key: 'healthScore', label: 'Health score', type: 'number' },
      owner,
      { key: 'notes', label: 'Notes', type: 'text' },
      ...audit,
    ],
    operations: operations({
      model: Account,
      createValidator: createAccountValidator,
      updateValidator: updateAccountValidator,
      create: (t, i, o) => accountService.create(t, i, o),
      update: (t, id, i, o) => accountService.update(t, id, i, o),
    }),
  },
  {
    name: 'contact',
    label: 'Contact',
    module: 'crm',
    titleField: 'fullName',
    events: ['contact.created', 'contact.updated'],
    fields: [
      { key: 'firstName', label: 'First name', type: 'string', required: true },
      { key: 'lastName', label: 'Last name', type: 'string' },
      { key: 'fullName', label: 'Full name', type: 'string', writable: false },
      { key: 'email', label: 'Email', type: 'string' },
      { key: 'phone', label: 'Phone', type: 'string' },
      { key: 'title', label: 'Job title', type: 'string' },
      { key: 'accountId', label: 'Account', type: 'reference', reference: 'account' },
      owner,
      ...audit,
    ],
    operations: operations({
      model: Contact,
      createValidator: createContactValidator,
      updateValidator: updateContactValidator,
      create: (t, i, o) => contactService.create(t, i, o),
      update: (t, id, i, o) => contactService.update(t, id, i, o),
    }),
  },
  {
    name: 'activity',
    label: 'Activity',
    module: 'crm',
    titleField: 'subject',
    events: ['activity.logged', 'activity.updated', 'activity.completed'],
    fields: [
      { key: 'type', label: 'Type', type: 'enum', options: [...ACTIVITY_TYPES], required: true },
      { key: 'subject', label: 'Subject', type: 'string', required: true },
      { key: 'notes', label: 'Notes', type: 'text' },
      { key: 'dueAt', label: 'Due', type: 'datetime' },
      { key: 'done', label: 'Done', type: 'boolean' },
      { key: 'leadId', label: 'Lead', type: 'reference', reference: 'lead' },
      { key: 'dealId', label: 'Deal', type: 'reference', reference: 'deal' },
      { key: 'accountId', label: 'Account', type: 'reference', reference: 'account' },
      { key: 'contactId', label: 'Contact', type: 'reference', reference: 'contact' },
      owner,
      ...audit,
    ],
    operations: operations({
      model: Activity,
      createValidator: createActivityValidator,
      updateValidator: updateActivityValidator,
      create: (t, i, o) => activityService.log(t, i, o),
      update: (t, id, i, o) => activityService.update(t, id, i, o),
    }),
  },
  {
    name: 'quote',
    label: 'Quote',
    module: 'crm',
    titleField: 'number',
    events: [
      'quote.created',
      'quote.updated',
      'quote.sent',
      'quote.accepted',
      'quote.declined',
      'quote.expired',
    ],
    fields: [
      { key: 'number', label: 'Number', type: 'string', writable: false },
      { key: 'title', label: 'Title', type: 'string', required: true },
      { key: 'status', label: 'Status', type: 'enum', options: [...QUOTE_STATUSES] },
      { key: 'dealId', label: 'Deal', type: 'reference', reference: 'deal' },
      { key: 'accountId', label: 'Account', type: 'reference', reference: 'account' },
      { key: 'currency', label: 'Currency', type: 'string' },
      { key: 'subtotal', label: 'Subtotal', type: 'money', writable: false },
      { key: 'taxTotal', label: 'Tax', type: 'money', writable: false },
      { key: 'total', label: 'Total', type: 'money', writable: false },
      { key: 'validUntil', label: 'Valid until', type: 'date' },
      { key: 'notes', label: 'Notes', type: 'text' },
      { key: 'declineReason', label: 'Decline reason', type: 'string' },
      ...audit,
    ],
    operations: operations({
      model: Quote,
      createValidator: createQuoteValidator,
      updateValidator: updateQuoteValidator,
      create: (t, i, o) => quoteService.create(t, i, o),
      update: (t, id, i, o) => quoteService.update(t, id, i, o),
      snapshot: (row: Quote) => quoteSnapshot(row),
    }),
  },
]

for (const definition of definitions) entityRegistry.register(definition)
