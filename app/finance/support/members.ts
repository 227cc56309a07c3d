import db from '@adonisjs/lucid/services/db'

/** Members of a tenant for pickers (assignee, submitter): id and display name. */
export async function memberOptions(tenantId: number) {
  const rows = await db
    .from('memberships')
    .join('users', 'users.id', 'memberships.user_id')
    .where('memberships.tenant_id', tenantId)
    .orderByRaw('coalesce(users.full_name, users.email)')
    .select('users.id', 'users.full_name', 'users.email')
  return rows.map((row: { id: number | string; full_name: string | null; email: string }) => ({
    id: Number(row.id),
    name: row.full_name || row.email,
  }))
}

/** Display names of the given user ids. */
export async function userNames(ids: Array<number | null>) {
  const wanted = [...new Set(ids.filter((id): id is number => !!id))]
  if (wanted.length === 0) return new Map<number, string>()
  const rows = await db.from('users').whereIn('id', wanted).select('id', 'full_name', 'email')
  return new Map(
    rows.map((row: { id: number | string; full_name: string | null; email: string }) => [
      Number(row.id),
      row.full_name || row.email,
    ])
  )
}
