import { randomUUID } from 'node:crypto'
import Tenant from '#core/models/tenant'
import User from '#core/models/user'
import Membership from '#core/models/membership'
import type { Role } from '#core/roles'

/** The password every test user gets (hashing it once per user keeps tests honest about login). */
export const TEST_PASSWORD = 'correct-horse-battery-staple'

export interface TenantOverrides {
  tenant?: Partial<Pick<Tenant, 'name' | 'slug' | 'timezone' | 'currency'>>
  user?: Partial<Pick<User, 'email' | 'fullName' | 'timezone' | 'theme' | 'password'>>
}

function uniqueSuffix() {
  return randomUUID().slice(0, 8)
}

export async function createTenant(overrides: TenantOverrides['tenant'] = {}) {
  const suffix = uniqueSuffix()
  return Tenant.create({
    name: `Tenant ${suffix}`,
    slug: `tenant-${suffix}`,
    timezone: 'UTC',
    currency: 'USD',
    ...overrides,
  })
}

export async function createUser(overrides: TenantOverrides['user'] = {}) {
  const suffix = uniqueSuffix()
  return User.create({
    email: `user-${suffix}@example.test`,
    fullName: `User ${suffix}`,
    password: TEST_PASSWORD,
    timezone: 'UTC',
    theme: 'light',
    ...overrides,
  })
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
