/**
 * The typed catalog of domain events every ERP module emits through the outbox.
 *
 * Pure data and types (no server imports): the workflow builder imports it in the browser to offer
 * event pickers, the engine to validate triggers, the server to type `recordEvent` calls.
 *
 * Payload convention: `entity` is the JSON snapshot of the aggregate AFTER the change (camelCase keys,
 * the same keys as the entity registry's fields). Updates also carry `changes`, the changed fields with
 * their old and new values. Some events add a few named extras (deal stage names, a lost reason, days
 * until expiry).
 *
 * Adding an event: add it to `DomainEventMap` AND to `DOMAIN_EVENT_CATALOG` (the compiler checks that
 * both agree).
 */

/** JSON snapshot of an aggregate (a model's serialized columns). */
export type EntitySnapshot = Record<string, unknown>

/** Changed fields with their old and new values (keys as in the snapshot). */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>

export interface EntityCreatedPayload {
  entity: EntitySnapshot
}

export interface EntityUpdatedPayload {
  entity: EntitySnapshot
  changes: FieldChanges
}

/** A state change that is neither a plain create nor a plain update (sent, won, reached, ...). */
export interface EntityEventPayload {
  entity: EntitySnapshot
  changes?: FieldChanges
}

export interface DealStageChangedPayload extends EntityUpdatedPayload {
  /** Name of the stage the deal left / entered, e.g. 'Proposal' → 'Negotiation'. */
  from: string
  to: string
  fromStageId: number
  toStageId: number
}

export interface DealLostPayload extends EntityEventPayload {
  reason: string
}

export interface QuoteDeclinedPayload extends EntityEventPayload {
  reason: string | null
}

export interface LeadConvertedPayload extends EntityEventPayload {
  /** Records created (or linked) by the conversion. */
  accountId: number | null
  contactId: number | null
  dealId: number | null
}

export interface ExpiringPayload extends EntityEventPayload {
  /** Whole days from the scan date to the expiry date (0 = expires today). */
  daysUntilExpiry: number
}

export interface StockChangedPayload extends EntityEventPayload {
  /** Signed quantity of the movement that caused the change. */
  quantityDelta: number
}

export interface DomainEventMap {
  // crm
  'lead.created': EntityCreatedPayload
  'lead.updated': EntityUpdatedPayload
  'lead.converted': LeadConvertedPayload
  'deal.created': EntityCreatedPayload
  'deal.updated': EntityUpdatedPayload
  'deal.stage_changed': DealStageChangedPayload
  'deal.won': EntityEventPayload
  'deal.lost': DealLostPayload
  'activity.logged': EntityCreatedPayload
  'activity.updated': EntityUpdatedPayload
  'activity.completed': EntityEventPayload
  'contact.created': EntityCreatedPayload
  'contact.updated': EntityUpdatedPayload
  'account.created': EntityCreatedPayload
  'account.updated': EntityUpdatedPayload
  'quote.created': EntityCreatedPayload
  'quote.sent': EntityEventPayload
  'quote.accepted': EntityEventPayload
  'quote.updated': EntityUpdatedPayload
  'quote.declined': QuoteDeclinedPayload
  'quote.expired': EntityEventPayload
  // invoicing
  'invoice.created': EntityCreatedPayload
  'invoice.updated': EntityUpdatedPayload
  'invoice.sent': EntityEventPayload
  'invoice.overdue': EntityEventPayload
  'invoice.paid': EntityEventPayload
  'invoice.voided': EntityEventPayload
  // payments
  'payment.received': EntityCreatedPayload
  'payment.updated': EntityUpdatedPayload
  // projects
  'project.created': EntityCreatedPayload
  'project.updated': EntityUpdatedPayload
  'project.milestone_added': EntityCreatedPayload
  'project.milestone_updated': EntityUpdatedPayload
  'project.milestone_reached': EntityEventPayload
  'task.created': EntityCreatedPayload
  'task.updated': EntityUpdatedPayload
  'task.completed': EntityEventPayload
  // finance
  'expense.submitted': EntityCreatedPayload
  'expense.approved': EntityEventPayload
  'expense.rejected': EntityEventPayload
  'expense.updated': EntityUpdatedPayload
  'budget.created': EntityCreatedPayload
  'budget.updated': EntityUpdatedPayload
  // inventory
  'inventory.stock_changed': StockChangedPayload
  'inventory.item_created': EntityCreatedPayload
  'inventory.item_updated': EntityUpdatedPayload
  // documents
  'document.uploaded': EntityCreatedPayload
  'document.expiring': ExpiringPayload
  'document.updated': EntityUpdatedPayload
  'document.deleted': EntityEventPayload
  'contract.created': EntityCreatedPayload
  'contract.updated': EntityUpdatedPayload
  'contract.expiring': ExpiringPayload
}

export type DomainEventType = keyof DomainEventMap

export type DomainEventPayload<T extends DomainEventType = DomainEventType> = DomainEventMap[T]

/** An event as stored in `domain_events` and handed to listeners. */
export interface StoredDomainEvent<T extends DomainEventType = DomainEventType> {
  /** uuid */
  id: string
  tenantId: number
  type: T
  /** Entity name as in the entity registry ('lead', 'deal', 'invoice', ...). */
  aggregateType: string
  aggregateId: string
  payload: DomainEventMap[T]
  actorId: number | null
  occurredAt: Date
}

export interface DomainEventInfo {
  type: DomainEventType
  /** Human label for pickers, e.g. 'Deal stage changed'. */
  label: string
  /** Module that emits it ('crm', 'invoicing', ...). */
  module: string
  /** Entity name (entity registry key) whose snapshot is in the payload. */
  entity: string
  description: string
}

type CatalogEntry = Omit<DomainEventInfo, 'type'>

export const DOMAIN_EVENT_CATALOG: Record<DomainEventType, CatalogEntry> = {
  'lead.created': {
    label: 'Lead created',
    module: 'crm',
    entity: 'lead',
    description: 'A new lead was captured.',
  },
  'lead.updated': {
    label: 'Lead updated',
    module: 'crm',
    entity: 'lead',
    description: 'Fields of a lead changed (status, score, owner, ...).',
  },
  'lead.converted': {
    label: 'Lead converted',
    module: 'crm',
    entity: 'lead',
    description: 'A lead was converted into an account, contact and deal.',
  },
  'deal.created': {
    label: 'Deal created',
    module: 'crm',
    entity: 'deal',
    description: 'A new deal entered the pipeline.',
  },
  'deal.updated': {
    label: 'Deal updated',
    module: 'crm',
    entity: 'deal',
    description: 'Fields of a deal changed (amount, owner, expected close, ...).',
  },
  'deal.stage_changed': {
    label: 'Deal stage changed',
    module: 'crm',
    entity: 'deal',
    description: 'A deal moved from one pipeline stage to another.',
  },
  'deal.won': { label: 'Deal won', module: 'crm', entity: 'deal', description: 'A deal was won.' },
  'deal.lost': {
    label: 'Deal lost',
    module: 'crm',
    entity: 'deal',
    description: 'A deal was lost (with a reason).',
  },
  'activity.logged': {
    label: 'Activity logged',
    module: 'crm',
    entity: 'activity',
    description: 'A call, email, meeting or task was logged.',
  },
  'activity.updated': {
    label: 'Activity updated',
    module: 'crm',
    entity: 'activity',
    description: 'Fields of an activity changed (due date, subject, ...).',
  },
  'activity.completed': {
    label: 'Activity completed',
    module: 'crm',
    entity: 'activity',
    description: 'An activity was marked done.',
  },
  'contact.created': {
    label: 'Contact created',
    module: 'crm',
    entity: 'contact',
    description: 'A new contact person was added.',
  },
  'contact.updated': {
    label: 'Contact updated',
    module: 'crm',
    entity: 'contact',
    description: 'Fields of a contact changed.',
  },
  'account.created': {
    label: 'Account created',
    module: 'crm',
    entity: 'account',
    description: 'A new client company was added.',
  },
  'account.updated': {
    label: 'Account updated',
    module: 'crm',
    entity: 'account',
    description: 'Fields of an account changed (health score, industry, ...).',
  },
  'quote.created': {
    label: 'Quote created',
    module: 'crm',
    entity: 'quote',
    description: 'A draft quote was created.',
  },
  'quote.updated': {
    label: 'Quote updated',
    module: 'crm',
    entity: 'quote',
    description: 'Fields or lines of a draft quote changed.',
  },
  'quote.sent': {
    label: 'Quote sent',
    module: 'crm',
    entity: 'quote',
    description: 'A quote was sent to the customer.',
  },
  'quote.accepted': {
    label: 'Quote accepted',
    module: 'crm',
    entity: 'quote',
    description: 'The customer accepted a quote.',
  },
  'quote.declined': {
    label: 'Quote declined',
    module: 'crm',
    entity: 'quote',
    description: 'The customer declined a quote.',
  },
  'quote.expired': {
    label: 'Quote expired',
    module: 'crm',
    entity: 'quote',
    description: 'A sent quote passed its validity date without an answer.',
  },
  'invoice.created': {
    label: 'Invoice created',
    module: 'invoicing',
    entity: 'invoice',
    description: 'A new invoice was drafted.',
  },
  'invoice.updated': {
    label: 'Invoice updated',
    module: 'invoicing',
    entity: 'invoice',
    description: 'Fields or lines of a draft invoice changed.',
  },
  'invoice.sent': {
    label: 'Invoice sent',
    module: 'invoicing',
    entity: 'invoice',
    description: 'An invoice was sent to the customer.',
  },
  'invoice.overdue': {
    label: 'Invoice overdue',
    module: 'invoicing',
    entity: 'invoice',
    description: 'An unpaid invoice passed its due date.',
  },
  'invoice.paid': {
    label: 'Invoice paid',
    module: 'invoicing',
    entity: 'invoice',
    description: 'An invoice was paid in full.',
  },
  'invoice.voided': {
    label: 'Invoice voided',
    module: 'invoicing',
    entity: 'invoice',
    description: 'An invoice was voided.',
  },
  'payment.received': {
    label: 'Payment received',
    module: 'payments',
    entity: 'payment',
    description: 'A payment was recorded against an invoice.',
  },
  'payment.updated': {
    label: 'Payment updated',
    module: 'payments',
    entity: 'payment',
    description: 'Details of a recorded payment changed (method, date, reference).',
  },
  'project.created': {
    label: 'Project created',
    module: 'projects',
    entity: 'project',
    description: 'A new project was created.',
  },
  'project.updated': {
    label: 'Project updated',
    module: 'projects',
    entity: 'project',
    description: 'Fields of a project changed (status, dates, budget, ...).',
  },
  'project.milestone_added': {
    label: 'Milestone added',
    module: 'projects',
    entity: 'milestone',
    description: 'A milestone was added to a project.',
  },
  'project.milestone_updated': {
    label: 'Milestone updated',
    module: 'projects',
    entity: 'milestone',
    description: 'Fields of a milestone changed (name, due date, ...).',
  },
  'project.milestone_reached': {
    label: 'Milestone reached',
    module: 'projects',
    entity: 'milestone',
    description: 'A project milestone was reached.',
  },
  'task.created': {
    label: 'Task created',
    module: 'projects',
    entity: 'task',
    description: 'A task was added to a project.',
  },
  'task.updated': {
    label: 'Task updated',
    module: 'projects',
    entity: 'task',
    description: 'Fields of a task changed (title, assignee, due date, done, ...).',
  },
  'task.completed': {
    label: 'Task completed',
    module: 'projects',
    entity: 'task',
    description: 'A task was marked done.',
  },
  'expense.submitted': {
    label: 'Expense submitted',
    module: 'finance',
    entity: 'expense',
    description: 'An expense was submitted for approval.',
  },
  'expense.approved': {
    label: 'Expense approved',
    module: 'finance',
    entity: 'expense',
    description: 'A submitted expense was approved (and booked on its budget).',
  },
  'expense.rejected': {
    label: 'Expense rejected',
    module: 'finance',
    entity: 'expense',
    description: 'A submitted expense was rejected (with a reason).',
  },
  'expense.updated': {
    label: 'Expense corrected',
    module: 'finance',
    entity: 'expense',
    description: 'A submitted expense was corrected before the decision.',
  },
  'budget.created': {
    label: 'Budget created',
    module: 'finance',
    entity: 'budget',
    description: 'A budget was set up for a category and period.',
  },
  'budget.updated': {
    label: 'Budget updated',
    module: 'finance',
    entity: 'budget',
    description: 'A budget changed (spent amount, limit, utilization).',
  },
  'inventory.stock_changed': {
    label: 'Stock changed',
    module: 'inventory',
    entity: 'item',
    description: 'The stock on hand of an item changed.',
  },
  'inventory.item_created': {
    label: 'Item created',
    module: 'inventory',
    entity: 'item',
    description: 'A new inventory item was added.',
  },
  'inventory.item_updated': {
    label: 'Item updated',
    module: 'inventory',
    entity: 'item',
    description: 'Details of an item changed (name, minimum stock, cost, ...).',
  },
  'document.uploaded': {
    label: 'Document uploaded',
    module: 'documents',
    entity: 'document',
    description: 'A file was uploaded.',
  },
  'document.expiring': {
    label: 'Document expiring',
    module: 'documents',
    entity: 'document',
    description: 'A document expires within the scan window.',
  },
  'document.updated': {
    label: 'Document updated',
    module: 'documents',
    entity: 'document',
    description: 'Metadata of a document changed (type, owner, expiry date, ...).',
  },
  'document.deleted': {
    label: 'Document deleted',
    module: 'documents',
    entity: 'document',
    description: 'A document and its file were deleted.',
  },
  'contract.created': {
    label: 'Contract created',
    module: 'documents',
    entity: 'contract',
    description: 'A customer contract was recorded.',
  },
  'contract.updated': {
    label: 'Contract updated',
    module: 'documents',
    entity: 'contract',
    description: 'Fields of a contract changed (dates, value, document, ...).',
  },
  'contract.expiring': {
    label: 'Contract expiring',
    module: 'documents',
    entity: 'contract',
    description: 'A contract ends within the scan window.',
  },
}

/** Every event type, in catalog order (runtime list for pickers and validation). */
export const DOMAIN_EVENT_TYPES = Object.keys(DOMAIN_EVENT_CATALOG) as DomainEventType[]

/** Catalog entries with their type, in catalog order. */
export const DOMAIN_EVENTS: DomainEventInfo[] = DOMAIN_EVENT_TYPES.map((type) => ({
  type,
  ...DOMAIN_EVENT_CATALOG[type],
}))

export function isDomainEventType(value: unknown): value is DomainEventType {
  return typeof value === 'string' && Object.hasOwn(DOMAIN_EVENT_CATALOG, value)
}

export function domainEventInfo(type: DomainEventType): DomainEventInfo {
  return { type, ...DOMAIN_EVENT_CATALOG[type] }
}
