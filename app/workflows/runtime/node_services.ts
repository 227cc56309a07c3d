/**
 * The runtime side of the node contract: `ctx.services` for one step. Database effects (entities,
 * notifications) are bound to the step's transaction when the runtime gives one, so the effect
 * commits together with the step's checkpoint or not at all.
 */
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { createEntityService } from '#workflows/nodes/services/entity_service'
import { createSafeHttpClient } from '#workflows/nodes/http/safe_http'
import type { HttpService, NodeLogger, NodeServices } from '#workflows/nodes/types'
import { notifyMembers } from '#workflows/services/notification_service'
import { withBreaker } from '#workflows/reliability/circuit_breaker'

let http: HttpService | null = null

/** One SSRF-safe client (connection pool) per process. */
function sharedHttp(): HttpService {
  http ??= createSafeHttpClient()
  return http
}

export function nodeServices(input: {
  tenantId: number
  executionId: number
  workflowId: number
  nodeId: string
  trx?: TransactionClientContract
}): NodeServices {
  const bindings = {
    tenantId: input.tenantId,
    executionId: input.executionId,
    workflowId: input.workflowId,
    nodeId: input.nodeId,
  }
  const log = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, data?: object) =>
    logger[level]({ ...bindings, ...data }, message)
  const nodeLogger: NodeLogger = {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  }
  return {
    notify: (request) =>
      notifyMembers(
        {
          tenantId: input.tenantId,
          userIds: request.userIds,
          roles: request.roles,
          title: request.title,
          body: request.body,
          link: request.link,
          level: request.severity,
          executionId: input.executionId,
          dedupeKey: request.idempotencyKey,
        },
        input.trx
      ),
    entities: createEntityService(input.tenantId, { trx: input.trx, actorId: null }),
    http: withBreaker(sharedHttp(), input.tenantId),
    logger: nodeLogger,
  }
}
