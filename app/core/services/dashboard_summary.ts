import db from '@adonisjs/lucid/services/db'

/**
 * Record counts for the dashboard tiles. The tables belong to other modules, some of which may not
 * be installed yet; a missing table simply yields no tile.
 */
const TILES = [
  { key: 'workflows', label: 'Workflows', table: 'workflows', href: '/workflows' },
  { key: 'executions', label: 'Executions', table: 'executions', href: '/executions' },
  { key: 'leads', label: 'Leads', table: 'leads', href: '/crm/leads' },
  { key: 'invoices', label: 'Invoices', table: 'invoices', href: '/invoices' },
  { key: 'payments', label: 'Payments', table: 'payments', href: '/payments' },
  { key: 'projects', label: 'Projects', table: 'projects', href: '/projects' },
] as const

export interface DashboardTile {
  key: string
  label: string
  href: string
  count: number
}

export interface DashboardSummary {
  members: number
  tiles: DashboardTile[]
}

export async function dashboardSummary(tenantId: number): Promise<DashboardSummary> {
  const present = await db
    .from('information_schema.tables')
    .where('table_schema', db.raw('current_schema()'))
    .whereIn(
      'table_name',
      TILES.map((tile) => tile.table)
    )
    .select('table_name')
  const existing = new Set(present.map((row) => row.table_name as string))

  const tiles = await Promise.all(
    TILES.filter((tile) => existing.has(tile.table)).map(async (tile) => {
      const row = await db.from(tile.table).where('tenant_id', tenantId).count('* as total').first()
      return { key: tile.key, label: tile.label, href: tile.href, count: Number(row?.total ?? 0) }
    })
  )
  const members = await db.from('memberships').where('tenant_id', tenantId).count('* as total')
  return { members: Number(members[0]?.total ?? 0), tiles }
}
