/** Main navigation of the app shell; each entry's pages belong to its module. */
export const NAV_ITEMS = [
  { label: 'Dashboard', href: '/', icon: 'pi pi-home' },
  { label: 'Workflows', href: '/workflows', icon: 'pi pi-sitemap' },
  { label: 'Executions', href: '/executions', icon: 'pi pi-play-circle' },
  { label: 'Approvals', href: '/approvals', icon: 'pi pi-check-square' },
  { label: 'Templates', href: '/templates', icon: 'pi pi-clone' },
  { label: 'CRM', href: '/crm/leads', icon: 'pi pi-users' },
  { label: 'Invoices', href: '/invoices', icon: 'pi pi-file' },
  { label: 'Payments', href: '/payments', icon: 'pi pi-wallet' },
  { label: 'Projects', href: '/projects', icon: 'pi pi-briefcase' },
] as const

/** True when `href` is the current page or a parent of it ('/' only matches itself). */
export function isActive(href: string, currentUrl: string) {
  const path = currentUrl.split('?')[0]
  if (href === '/') return path === '/'
  const section = href.split('/').slice(0, 2).join('/')
  return path === href || path.startsWith(`${section}/`) || path === section
}
