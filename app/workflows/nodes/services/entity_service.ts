/**
 * EntityService backed by #core/entities/registry, bound to a tenant and (optionally) the
 * step's transaction, so a workflow's create/update commits together with its checkpoint.
 */
import { entityRegistry } from '#core/entities/registry'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { EntityService } from '../types.js'

export function createEntityService(
  tenantId: number,
  options: { trx?: TransactionClientContract; actorId?: number | null } = {}
): EntityService {
  return {
    find(entity, id) {
      return entityRegistry.get(entity).operations.find(tenantId, id, { trx: options.trx })
    },
    create(entity, data, { idempotencyKey }) {
      return entityRegistry.get(entity).operations.create(tenantId, data, {
        trx: options.trx,
        actorId: options.actorId ?? null,
        idempotencyKey,
      })
    },
    update(entity, id, data, { idempotencyKey }) {
      return entityRegistry.get(entity).operations.update(tenantId, id, data, {
        trx: options.trx,
        actorId: options.actorId ?? null,
        idempotencyKey,
      })
    },
  }
}
