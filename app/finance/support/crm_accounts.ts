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
