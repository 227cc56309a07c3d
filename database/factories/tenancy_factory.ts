import { randomUUID } from 'node:crypto'
import factory from '@adonisjs/lucid/factories'
import Tenant from '#core/models/tenant'
import User from '#core/models/user'
import Membership from '#core/models/membership'

/** Short random suffix keeping unique columns (slug, email) unique across a test run. */
const unique = () => randomUUID().slice(0, 8)

export const TenantFactory = factory
  .define(Tenant, ({ faker }) => {
    const name = faker.company.name()
    return {
      name,
      slug: `${faker.helpers.slugify(name).toLowerCase().slice(0, 60)}-${unique()}`,
      timezone: 'UTC',
      currency: 'USD',
    }
  })
  .build()

/** Users get the password 'password' unless merged otherwise (stored hashed by the model). */
export const UserFactory = factory
  .define(User, ({ faker }) => {
    const first = faker.person.firstName()
    const last = faker.person.lastName()
    return {
      fullName: `${first} ${last}`,
      email: `${first}.${last}.${unique()}@example.test`.toLowerCase(),
      password: 'password',
      timezone: 'UTC',
      theme: 'light' as const,
    }
  })
  .state('dark', (user) => (user.theme = 'dark'))
  .build()

export const MembershipFactory = factory
  .define(Membership, () => ({ role: 'viewer' as const }))
  .relation('tenant', () => TenantFactory)
  .relation('user', () => UserFactory)
  .build()
