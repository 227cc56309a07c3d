/*
 * What the demo seed creates before running `database/seeders/demo/*.ts`, and how those files find
 * it. A demo seeder file looks like:
 *
 *   import { BaseSeeder } from '@adonisjs/lucid/seeders'
 *   import { demoContext } from '#database/seeders/demo_context'
 *
 *   export default class extends BaseSeeder {
 *     async run() {
 *       const { tenant, owner } = await demoContext()
 *       // create records for tenant.id through the module's services (so events are recorded)
 *     }
 *   }
 *
 * Files run once, on the first seed, in name order (prefix them: `20_crm.ts`, `30_invoicing.ts`).
 */
import Tenant from '#core/models/tenant'
import User from '#core/models/user'
import type { Role } from '#core/roles'

export const DEMO_EMAIL = 'demo@logiaccounting.test'
export const DEMO_TENANT_SLUG = 'demo'
export const SECOND_TENANT_SLUG = 'demo-subsidiary'

/** Extra demo users (same password as demo@) so every role can be tried. */
export const DEMO_ROLE_USERS: { email: string; fullName: string; role: Role }[] = [
  { email: 'admin@logiaccounting.test', fullName: 'Ada Admin', role: 'admin' },
  { email: 'builder@logiaccounting.test', fullName: 'Bo Builder', role: 'builder' },
  { email: 'approver@logiaccounting.test', fullName: 'Alex Approver', role: 'approver' },
  { email: 'viewer@logiaccounting.test', fullName: 'Vic Viewer', role: 'viewer' },
]

export interface DemoContext {
  /** "Northwind Logistics", where demo@ works by default. */
  tenant: Tenant
  /** "Northwind Subsidiary", a second tenant of demo@ (for the tenant switcher). */
  secondTenant: Tenant
  /** demo@logiaccounting.test, owner of both tenants. */
  owner: User
  /** One user per role in `tenant` (owner included). */
  users: Record<Role, User>
}

export async function demoContext(): Promise<DemoContext> {
  const tenant = await Tenant.findByOrFail('slug', DEMO_TENANT_SLUG)
  const secondTenant = await Tenant.findByOrFail('slug', SECOND_TENANT_SLUG)
  const owner = await User.findByOrFail('email', DEMO_EMAIL)
  const users = { owner } as Record<Role, User>
  for (const spec of DEMO_ROLE_USERS) {
    users[spec.role] = await User.findByOrFail('email', spec.email)
  }
  return { tenant, secondTenant, owner, users }
}
