/*
 * Routes live with their module (`app/<module>/routes.ts`); this file only loads them, so a
 * newcomer finds a URL next to the code that serves it.
 */
import '#core/routes'
import '#crm/routes'
import '#core/entities/routes'
import '#invoicing/routes'
import '#payments/routes'
import '#projects/routes'
import '#finance/routes'
import '#workflows/page_routes'
import '#inventory/routes'
import '#documents/routes'
import '#workflows/monitoring/routes'
import '#workflows/routes'
import '#workflows/reliability/routes'
import '#workflows/approvals/routes'
import '#workflows/callbacks/routes'
import '#workflows/versions/routes'
