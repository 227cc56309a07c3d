import '@adonisjs/inertia/types'

import type { VNodeProps, AllowedComponentProps, ComponentInstance } from 'vue'

type ExtractProps<T> = Omit<
  ComponentInstance<T>['$props'],
  keyof VNodeProps | keyof AllowedComponentProps
>

declare module '@adonisjs/inertia/types' {
  export interface InertiaPages {
    'approvals/decide': ExtractProps<(typeof import('../../inertia/pages/approvals/decide.vue'))['default']>
    'approvals/index': ExtractProps<(typeof import('../../inertia/pages/approvals/index.vue'))['default']>
    'auth/login': ExtractProps<(typeof import('../../inertia/pages/auth/login.vue'))['default']>
    'crm/accounts/index': ExtractProps<(typeof import('../../inertia/pages/crm/accounts/index.vue'))['default']>
    'crm/accounts/show': ExtractProps<(typeof import('../../inertia/pages/crm/accounts/show.vue'))['default']>
    'crm/activities/index': ExtractProps<(typeof import('../../inertia/pages/crm/activities/index.vue'))['default']>
    'crm/contacts/index': ExtractProps<(typeof import('../../inertia/pages/crm/contacts/index.vue'))['default']>
    'crm/contacts/show': ExtractProps<(typeof import('../../inertia/pages/crm/contacts/show.vue'))['default']>
    'crm/deals/board': ExtractProps<(typeof import('../../inertia/pages/crm/deals/board.vue'))['default']>
    'crm/deals/index': ExtractProps<(typeof import('../../inertia/pages/crm/deals/index.vue'))['default']>
    'crm/deals/show': ExtractProps<(typeof import('../../inertia/pages/crm/deals/show.vue'))['default']>
    'crm/leads/index': ExtractProps<(typeof import('../../inertia/pages/crm/leads/index.vue'))['default']>
    'crm/leads/show': ExtractProps<(typeof import('../../inertia/pages/crm/leads/show.vue'))['default']>
    'crm/quotes/index': ExtractProps<(typeof import('../../inertia/pages/crm/quotes/index.vue'))['default']>
    'crm/quotes/show': ExtractProps<(typeof import('../../inertia/pages/crm/quotes/show.vue'))['default']>
    'dashboard/index': ExtractProps<(typeof import('../../inertia/pages/dashboard/index.vue'))['default']>
    'documents/contracts': ExtractProps<(typeof import('../../inertia/pages/documents/contracts.vue'))['default']>
    'documents/index': ExtractProps<(typeof import('../../inertia/pages/documents/index.vue'))['default']>
    'errors/forbidden': ExtractProps<(typeof import('../../inertia/pages/errors/forbidden.vue'))['default']>
    'errors/not_found': ExtractProps<(typeof import('../../inertia/pages/errors/not_found.vue'))['default']>
    'errors/server_error': ExtractProps<(typeof import('../../inertia/pages/errors/server_error.vue'))['default']>
    'finance/budgets': ExtractProps<(typeof import('../../inertia/pages/finance/budgets.vue'))['default']>
    'finance/expenses': ExtractProps<(typeof import('../../inertia/pages/finance/expenses.vue'))['default']>
    'inventory/item': ExtractProps<(typeof import('../../inertia/pages/inventory/item.vue'))['default']>
    'inventory/items': ExtractProps<(typeof import('../../inertia/pages/inventory/items.vue'))['default']>
    'invoices/form': ExtractProps<(typeof import('../../inertia/pages/invoices/form.vue'))['default']>
    'invoices/index': ExtractProps<(typeof import('../../inertia/pages/invoices/index.vue'))['default']>
    'invoices/show': ExtractProps<(typeof import('../../inertia/pages/invoices/show.vue'))['default']>
    'payments/index': ExtractProps<(typeof import('../../inertia/pages/payments/index.vue'))['default']>
    'payments/show': ExtractProps<(typeof import('../../inertia/pages/payments/show.vue'))['default']>
    'projects/index': ExtractProps<(typeof import('../../inertia/pages/projects/index.vue'))['default']>
    'projects/show': ExtractProps<(typeof import('../../inertia/pages/projects/show.vue'))['default']>
    'settings/members': ExtractProps<(typeof import('../../inertia/pages/settings/members.vue'))['default']>
    'settings/profile': ExtractProps<(typeof import('../../inertia/pages/settings/profile.vue'))['default']>
    'workflows/builder': ExtractProps<(typeof import('../../inertia/pages/workflows/builder.vue'))['default']>
    'workflows/dependencies/index': ExtractProps<(typeof import('../../inertia/pages/workflows/dependencies/index.vue'))['default']>
    'workflows/executions/index': ExtractProps<(typeof import('../../inertia/pages/workflows/executions/index.vue'))['default']>
    'workflows/executions/show': ExtractProps<(typeof import('../../inertia/pages/workflows/executions/show.vue'))['default']>
    'workflows/index': ExtractProps<(typeof import('../../inertia/pages/workflows/index.vue'))['default']>
    'workflows/library/show': ExtractProps<(typeof import('../../inertia/pages/workflows/library/show.vue'))['default']>
    'workflows/metrics/index': ExtractProps<(typeof import('../../inertia/pages/workflows/metrics/index.vue'))['default']>
    'workflows/queues/index': ExtractProps<(typeof import('../../inertia/pages/workflows/queues/index.vue'))['default']>
    'workflows/versions/index': ExtractProps<(typeof import('../../inertia/pages/workflows/versions/index.vue'))['default']>
  }
}
