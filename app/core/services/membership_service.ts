import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { Exception } from '@adonisjs/core/exceptions'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Membership from '#core/models/membership'
import User from '#core/models/user'
import { roleAtLeast, type Role } from '#core/roles'
import { findForTenantOrFail } from '#core/tenancy/scoped'

function forbidden(message: string) {
  return new Exception(message, { status: 403, code: 'E_FORBIDDEN' })
}

/**
 * Who works in a tenant with which role. Admins manage everyone below owner; only owners grant,
 * change or remove the owner role; a tenant always keeps at least one owner. Callers have already
 * checked `atLeast(admin)`; the finer rules live here so every entry point shares them.
 */
export const membershipService = {
  async list(tenantId: number) {
    return Membership.query()
      .where('tenant_id', tenantId)
      .preload('user')
      .orderByRaw(
        `array_position(array['owner','admin','builder','approver','viewer']::membership_role[], role)`
      )
      .orderBy('id')
  },

  /**
   * Adds a user (by email) to the tenant. Without an account yet, one is created with a random
   * temporary password, returned once for the admin to hand over (only its hash is stored; the
   * user changes it under Settings).
   */
  async add(actor: Membership, email: string, role: Role) {
    this.assertMayGrant(actor, role)
    return db.transaction(async (trx) => {
      let user = await User.findBy('email', email, { client: trx })
      let temporaryPassword: string | null = null
      if (!user) {
        temporaryPassword = randomBytes(12).toString('base64url')
        user = await User.create(
          { email, password: temporaryPassword, timezone: 'UTC', theme: 'light' },
          { client: trx }
        )
      }
      const existing = await Membership.query({ client: trx })
        .where('tenant_id', actor.tenantId)
        .where('user_id', user.id)
        .first()
      if (existing) {
        throw new Exception(`${email} is already a member.`, { status: 409, code: 'E_CONFLICT' })
      }
      const membership = await Membership.create(
        { tenantId: actor.tenantId, userId: user.id, role },
        { client: trx }
      )
      return { membership, temporaryPassword }
    })
  },

  async changeRole(actor: Membership, membershipId: number | string, role: Role) {
    return db.transaction(async (trx) => {
      const target = await this.lockTarget(actor, membershipId, trx)
      this.assertMayManage(actor, target)
      this.assertMayGrant(actor, role)
      if (target.role === 'owner' && role !== 'owner') await this.assertAnotherOwner(target, trx)
      target.role = role
      await target.useTransaction(trx).save()
      return target
    })
  },

  async remove(actor: Membership, membershipId: number | string) {
    await db.transaction(async (trx) => {
      const target = await this.lockTarget(actor, membershipId, trx)
      this.assertMayManage(actor, target)
      if (target.role === 'owner') await this.assertAnotherOwner(target, trx)
      await target.useTransaction(trx).delete()
    })
  },

  /** Row-locks the tenant's memberships so two admins cannot remove the last two owners at once. */
  async lockTarget(
    actor: Membership,
    membershipId: number | string,
    trx: TransactionClientContract
  ) {
    await trx.from('memberships').where('tenant_id', actor.tenantId).forUpdate().select('id')
    return findForTenantOrFail(Membership, actor.tenantId, membershipId, { client: trx })
  },

  assertMayManage(actor: Membership, target: Membership) {
    if (target.role === 'owner' && actor.role !== 'owner') {
      throw forbidden('Only an owner can change or remove an owner.')
    }
  },

  assertMayGrant(actor: Membership, role: Role) {
    if (!roleAtLeast(actor.role, 'admin')) throw forbidden('Only admins can manage members.')
    if (role === 'owner' && actor.role !== 'owner') {
      throw forbidden('Only an owner can make someone an owner.')
    }
  },

  async assertAnotherOwner(target: Membership, trx: TransactionClientContract) {
    const owners = await trx
      .from('memberships')
      .where('tenant_id', target.tenantId)
      .where('role', 'owner')
      .whereNot('id', target.id)
      .count('* as total')
    if (Number(owners[0]?.total ?? 0) === 0) {
      throw new Exception('A tenant needs at least one owner.', {
        status: 409,
        code: 'E_LAST_OWNER',
      })
    }
  },
}
