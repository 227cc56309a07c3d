/**
 * Roles a member can hold in a tenant, from most to least powerful. Pure data: the browser
 * imports it too (to hide buttons), the server enforces it in policies.
 */
export const ROLES = ['owner', 'admin', 'builder', 'approver', 'viewer'] as const
export type Role = (typeof ROLES)[number]

const rank: Record<Role, number> = { owner: 5, admin: 4, builder: 3, approver: 2, viewer: 1 }

/** True when `role` is at least as powerful as `minimum` (approver is a viewer who can decide). */
export function roleAtLeast(role: Role | null | undefined, minimum: Role): boolean {
  return role ? rank[role] >= rank[minimum] : false
}
