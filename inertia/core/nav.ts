/** Main navigation of the app shell; each entry's pages belong to its module. */
export const NAV_ITEMS = [
  { label: 'Dashboard', href: '/', icon: 'pi pi-home' },
  { label: 'Workflows', href: '/workflows', icon: 'pi pi-sitemap' },
  { label: 'Executions', href: '/executions', icon: 'pi pi-play-circle' },
  { label: 'Approvals', href: '/approvals', icon: 'pi pi-check-square' },
  { label: 'Metrics', href: '/workflows/metrics', icon: 'pi pi-chart-line' },
  { label: 'Queues', href: '/workflows/queues', icon: 'pi pi-server' },
  { label: 'CRM', href: '/crm/leads', icon: 'pi pi-users' },
  { label: 'Invoices', href: '/invoices', icon: 'pi pi-file' },
  { label: 'Payments', href: '/payments', icon: 'pi pi-wallet' },
  { label: 'Projects', href: '/projects', icon: 'pi pi-briefcase' },
  { label: 'Expenses', href: '/finance/expenses', icon: 'pi pi-receipt' },
  { label: 'Budgets', href: '/finance/budgets', icon: 'pi pi-chart-pie' },
  { label: 'Inventory', href: '/inventory/items', icon: 'pi pi-box' },
  { label: 'Documents', href: '/documents', icon: 'pi pi-folder' },
] as const

function matches(href: string, path: string) {
  if (href === '/') return path === '/'
  const section = href.split('/').slice(0, 2).join('/')
  return (
    path === href ||
    path.startsWith(`${href}/`) ||
    path.startsWith(`${section}/`) ||
    path === section
  )
}

/**
 * True when `href` is the navigation entry for the current page: the most specific entry wins, so
 * /workflows/metrics lights up Metrics rather than Workflows ('/' only matches itself).
 */
export function isActive(href: string, currentUrl: string) {
  const path = currentUrl.split('?')[0]
  if (!matches(href, path)) return false
  const exact = (candidate: string) => path === candidate || path.startsWith(`${candidate}/`)
  const best = NAV_ITEMS.map((item) => item.href as string)
    .filter(exact)
    .sort((a, b) => b.length - a.length)[0]
  return best === undefined || best === href
}
