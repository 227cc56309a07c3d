import type Tenant from '#core/models/tenant'
import type User from '#core/models/user'
import Membership from '#core/models/membership'
import type { Role } from '#core/roles'
import { TenantFactory, UserFactory } from '#database/factories/tenancy_factory'

/** The password every test user gets (hashing it once per user keeps tests honest about login). */
export const TEST_PASSWORD = 'correct-horse-battery-staple'

export interface TenantOverrides {
  tenant?: Partial<Pick<Tenant, 'name' | 'slug' | 'timezone' | 'currency'>>
  user?: Partial<Pick<User, 'email' | 'fullName' | 'timezone' | 'theme' | 'password'>>
}

export async function createTenant(overrides: TenantOverrides['tenant'] = {}) {
  return TenantFactory.merge(overrides).create()
}

export async function createUser(overrides: TenantOverrides['user'] = {}) {
  return UserFactory.merge({ password: TEST_PASSWORD, ...overrides }).create()
}

/** A new tenant with one user holding `role` in it (the user's current tenant). */
export async function createTenantWithUser(role: Role = 'owner', overrides: TenantOverrides = {}) {
  const tenant = await createTenant(overrides.tenant)
  const user = await createUser(overrides.user)
  const membership = await Membership.create({ tenantId: tenant.id, userId: user.id, role })
  user.currentTenantId = tenant.id
  await user.save()
  return { tenant, user, membership }
}

/** A new user who is a member of `tenant` with `role` (and works in it). */
export async function addMember(tenant: Tenant, role: Role, user?: User): Promise<User> {
  const member = user ?? (await createUser())
  await Membership.create({ tenantId: tenant.id, userId: member.id, role })
  if (!member.currentTenantId) {
    member.currentTenantId = tenant.id
    await member.save()
  }
  return member
}
