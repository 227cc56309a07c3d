/*
 * Bouncer abilities that are not tied to one model. Resource rules live in each module's
 * `policies/` folder.
 */
import { Bouncer } from '@adonisjs/bouncer'
import type User from '#core/models/user'
import { roleAtLeast, type Role } from '#core/roles'
import { currentMembership } from '#core/tenancy/current'

/**
 * True when the user's role in the current tenant (resolved by the `tenant` middleware) is at
 * least `minimum`. Without a resolved membership the answer is no.
 *
 *   await bouncer.authorize(atLeast, 'builder')
 */
export const atLeast = Bouncer.ability((user: User, minimum: Role) => {
  return roleAtLeast(currentMembership(user)?.role, minimum)
})
