/**
 * Shapes of the CRM page props (what controllers send, what Vue pages receive). Pure types: the
 * pages import them, so the server and the browser cannot disagree.
 */
export type Paginated<T> = {
  data: T[]
  meta: { total: number; perPage: number; currentPage: number; lastPage: number }
}

export type ListFilters = {
  search?: string
  status?: string
  page?: number
  perPage?: number
  sortField?: string
  sortOrder?: 'asc' | 'desc'
}

export type Option = {
  id: number
  name: string
}

export type StageView = {
  id: number
  name: string
  position: number
  kind: 'open' | 'won' | 'lost'
  probability: number
}

export type AccountView = {
  id: number
  name: string
  industry: string | null
  website: string | null
  email: string | null
  phone: string | null
  healthScore: number
  ownerId: number | null
  notes: string | null
  createdAt: string
  updatedAt: string
}

export type ContactView = {
  id: number
  accountId: number | null
  firstName: string
  lastName: string | null
  fullName: string
  email: string | null
  phone: string | null
  title: string | null
  ownerId: number | null
  account?: { id: number; name: string } | null
  createdAt: string
  updatedAt: string
}

export type LeadView = {
  id: number
  name: string
  company: string | null
  email: string | null
  phone: string | null
  source: string
  score: number
  status: 'new' | 'qualified' | 'converted' | 'lost'
  ownerId: number | null
  notes: string | null
  lostReason: string | null
  convertedAt: string | null
  convertedAccountId: number | null
  convertedContactId: number | null
  convertedDealId: number | null
  createdAt: string
  updatedAt: string
}

export type DealView = {
  id: number
  name: string
  accountId: number | null
  contactId: number | null
  leadId: number | null
  stageId: number
  status: 'open' | 'won' | 'lost'
  amount: number
  currency: string
  ownerId: number | null
  expectedCloseDate: string | null
  closedAt: string | null
  lostReason: string | null
  stage?: StageView
  account?: { id: number; name: string } | null
  createdAt: string
  updatedAt: string
}

export type ActivityView = {
  id: number
  type: 'call' | 'email' | 'meeting' | 'task'
  subject: string
  notes: string | null
  dueAt: string | null
  done: boolean
  doneAt: string | null
  ownerId: number | null
  accountId: number | null
  contactId: number | null
  leadId: number | null
  dealId: number | null
  createdAt: string
}

export type QuoteLineView = {
  id: number
  position: number
  description: string
  quantity: number
  unitPrice: number
  taxRateBp: number
  lineTotal: number
}

export type QuoteView = {
  id: number
  number: string
  title: string
  dealId: number | null
  accountId: number | null
  status: 'draft' | 'sent' | 'accepted' | 'declined' | 'expired'
  currency: string
  validUntil: string | null
  subtotal: number
  taxTotal: number
  total: number
  notes: string | null
  sentAt: string | null
  decidedAt: string | null
  declineReason: string | null
  lines?: QuoteLineView[]
  account?: { id: number; name: string } | null
  createdAt: string
  updatedAt: string
}

/** Select options most CRM forms need. */
export type CrmOptions = {
  members: Option[]
  accounts: Option[]
}

/** Broadcast on `tenants/:tenantId/crm` when a CRM record changes (ids only, never data). */
export type CrmChangeMessage = {
  type: string
  aggregateType: string
  aggregateId: string
}
