import type User from '#core/models/user'
import type Membership from '#core/models/membership'

/**
 * The membership the tenant middleware resolved for a user during one request. Kept beside the
 * user object (not on it) so it can never be serialized or saved by accident; Bouncer abilities
 * receive only the user and look the membership up here.
 */
const current = new WeakMap<User, Membership>()

export function setCurrentMembership(user: User, membership: Membership) {
  current.set(user, membership)
}

export function currentMembership(user: User | null | undefined): Membership | undefined {
  return user ? current.get(user) : undefined
}
