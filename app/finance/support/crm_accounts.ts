import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { BusinessRuleError } from '#finance/support/business_error'

/** The CRM module's accounts table (customer companies). */
export const CRM_ACCOUNTS_TABLE = 'crm_accounts'

/** Refuses an account id that does not exist in the tenant (never reveals other tenants' rows). */
export async function assertAccountInTenant(
  trx: TransactionClientContract,
  tenantId: number,
  accountId: number,
  field = 'accountId'
) {
  const row = await trx
    .from(CRM_ACCOUNTS_TABLE)
    .where('tenant_id', tenantId)
    .where('id', accountId)
    .select('id')
    .first()
  if (!row) throw new BusinessRuleError('The selected account does not exist', field)
}

/** Accounts for pickers: id and name, alphabetical (the CRM pages manage them). */
export async function accountOptions(tenantId: number, limit = 500) {
  const rows = await db
    .from(CRM_ACCOUNTS_TABLE)
    .where('tenant_id', tenantId)
    .orderBy('name')
    .limit(limit)
    .select('id', 'name')
  return rows.map((row: { id: number | string; name: string }) => ({
    id: Number(row.id),
    name: row.name,
  }))
}

/** Names of the given account ids (for lists that show the customer). */
export async function accountNames(tenantId: number, ids: Array<number | null>) {
  const wanted = [...new Set(ids.filter((id): id is number => !!id))]
  if (wanted.length === 0) return new Map<number, string>()
  const rows = await db
    .from(CRM_ACCOUNTS_TABLE)
    .where('tenant_id', tenantId)
    .whereIn('id', wanted)
    .select('id', 'name')
  return new Map(
    rows.map((row: { id: number | string; name: string }) => [Number(row.id), row.name])
  )
}
