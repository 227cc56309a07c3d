/** The colour of a host-module record's status tag (PrimeVue Tag severities). */
export type Severity = 'secondary' | 'info' | 'success' | 'warn' | 'danger' | 'contrast'

const SEVERITIES: Record<string, Severity> = {
  // CRM: leads, deals, quotes
  new: 'info',
  qualified: 'success',
  converted: 'contrast',
  lost: 'danger',
  open: 'info',
  won: 'success',
  accepted: 'success',
  declined: 'danger',
  expired: 'warn',
  // Invoices, expenses, projects (and quotes: draft, sent)
  draft: 'secondary',
  sent: 'info',
  partially_paid: 'warn',
  paid: 'success',
  overdue: 'danger',
  void: 'contrast',
  submitted: 'info',
  approved: 'success',
  rejected: 'danger',
  planned: 'secondary',
  active: 'info',
  on_hold: 'warn',
  completed: 'success',
  cancelled: 'contrast',
}

export function statusSeverity(status: string): Severity {
  return SEVERITIES[status] ?? 'secondary'
}
