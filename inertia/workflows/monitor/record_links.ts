/** Where a record's page lives, for "related to" links (only entities that have a page). */
const PAGES: Record<string, (id: string) => string> = {
  invoice: (id) => `/invoices/${id}`,
  payment: (id) => `/payments/${id}`,
  deal: (id) => `/crm/deals/${id}`,
  lead: (id) => `/crm/leads/${id}`,
  account: (id) => `/crm/accounts/${id}`,
  contact: (id) => `/crm/contacts/${id}`,
  project: (id) => `/projects/${id}`,
}

export function recordUrl(entityType: string, entityId: string): string | null {
  return PAGES[entityType]?.(entityId) ?? null
}

export function subjectLabel(subject: { entityType: string; entityId: string }) {
  return `${subject.entityType} #${subject.entityId}`
}
