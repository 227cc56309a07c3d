/**
 * In-memory index of the ACTIVE workflow versions of each tenant by domain event type, so matching
 * an event is one map lookup. Built lazily per tenant from the database; publishing, pausing,
 * activating or deleting a workflow invalidates the tenant's entry in EVERY process through Redis
 * pub/sub (each process may hold a copy: web servers, workers, schedulers).
 */
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import type { WorkflowGraph, GraphNode } from '#workflows/engine/graph'
import { nodeRegistry } from '#workflows/nodes/registry'
import type { NodeDefinition } from '#workflows/nodes/types'
import type { Priority } from '#workflows/models/workflow'

export const INVALIDATION_CHANNEL = 'workflows:triggers:invalidate'

export interface IndexedTrigger {
  tenantId: number
  workflowId: number
  versionId: number
  priority: Priority
  node: GraphNode
  definition: NodeDefinition
}

type TenantIndex = Map<string, IndexedTrigger[]>

/** Active versions with their trigger node (optionally of one trigger kind, all tenants). */
export async function activeTriggers(
  filter: { tenantId?: number; kind?: 'event' | 'schedule' | 'webhook' | 'manual' } = {}
): Promise<IndexedTrigger[]> {
  const query = db
    .from('workflows as w')
    .join('workflow_versions as v', 'v.id', 'w.active_version_id')
    .where('w.status', 'active')
    .select('w.id', 'w.tenant_id', 'w.priority', 'v.id as version_id', 'v.graph')
  if (filter.tenantId !== undefined) query.where('w.tenant_id', filter.tenantId)
  const rows = await query
  const triggers: IndexedTrigger[] = []
  for (const row of rows) {
    const graph = row.graph as WorkflowGraph
    for (const node of graph.nodes) {
      const definition = nodeRegistry.get(node.type)
      if (definition?.category !== 'trigger' || !definition.trigger) continue
      if (filter.kind && definition.trigger.kind !== filter.kind) continue
      triggers.push({
        tenantId: Number(row.tenant_id),
        workflowId: Number(row.id),
        versionId: Number(row.version_id),
        priority: row.priority,
        node,
        definition,
      })
    }
  }
  return triggers
}

export class TriggerIndex {
  #tenants = new Map<number, Promise<TenantIndex>>()
  #listeners = new Set<(tenantId: number) => void>()
  #subscribed = false

  /** Active event triggers of `tenantId` listening to `eventType`. */
  async forEvent(tenantId: number, eventType: string): Promise<IndexedTrigger[]> {
    this.subscribe()
    let index = this.#tenants.get(tenantId)
    if (!index) {
      index = this.build(tenantId)
      index.catch(() => this.#tenants.delete(tenantId))
      this.#tenants.set(tenantId, index)
    }
    const built = await index
    return built.get(eventType) ?? []
  }

  /** Drops the tenant's entry here and in every other process. */
  async invalidate(tenantId: number) {
    this.drop(tenantId)
    try {
      await redis.publish(INVALIDATION_CHANNEL, String(tenantId))
    } catch (error) {
      logger.warn({ err: error }, 'could not broadcast a trigger index invalidation')
    }
  }

  /** Called on every invalidation (local or remote); the scheduler reloads on it. */
  onInvalidate(listener: (tenantId: number) => void) {
    this.subscribe()
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  clear() {
    this.#tenants.clear()
  }

  private drop(tenantId: number) {
    this.#tenants.delete(tenantId)
    for (const listener of this.#listeners) listener(tenantId)
  }

  private subscribe() {
    if (this.#subscribed) return
    this.#subscribed = true
    try {
      redis.subscribe(INVALIDATION_CHANNEL, (message: string) => {
        const tenantId = Number(message)
        if (Number.isInteger(tenantId)) this.drop(tenantId)
      })
    } catch (error) {
      this.#subscribed = false
      logger.warn({ err: error }, 'trigger index: cannot subscribe to invalidations')
    }
  }

  private async build(tenantId: number): Promise<TenantIndex> {
    const index: TenantIndex = new Map()
    for (const trigger of await activeTriggers({ tenantId, kind: 'event' })) {
      const events = trigger.definition.trigger?.events?.(trigger.node.config) ?? []
      for (const type of events) {
        const list = index.get(type) ?? []
        list.push(trigger)
        index.set(type, list)
      }
    }
    return index
  }
}

export const triggerIndex = new TriggerIndex()
