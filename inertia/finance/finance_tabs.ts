/** Sections of the finance module, shown as tabs on its pages. */
export const FINANCE_TABS = [
  { label: 'Expenses', href: '/finance/expenses', icon: 'pi pi-receipt' },
  { label: 'Budgets', href: '/finance/budgets', icon: 'pi pi-chart-pie' },
]
