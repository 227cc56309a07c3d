/*
 * Routes live with their module (`app/<module>/routes.ts`); this file only loads them, so a
 * newcomer finds a URL next to the code that serves it.
 */
import '#core/routes'
import '#core/entities/routes'

// Host ERP modules
import '#crm/routes'
import '#invoicing/routes'
import '#payments/routes'
import '#projects/routes'
import '#finance/routes'
import '#inventory/routes'
import '#documents/routes'

// Workflow module: fixed paths (/workflows/metrics, /workflows/queues) before /workflows/:id pages
import '#workflows/monitoring/routes'
import '#workflows/page_routes'
import '#workflows/routes'
import '#workflows/reliability/routes'
import '#workflows/approvals/routes'
import '#workflows/callbacks/routes'
import '#workflows/versions/routes'
import '#workflows/library/routes'
import '#workflows/dependencies/routes'
