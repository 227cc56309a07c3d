/**
 * Create a record of any registered entity (deal, activity, invoice, …) through the entity
 * registry's operations: same validation and domain events as the UI; the step's idempotency key
 * makes a re-run return the record created the first time.
 */
import { Type } from '@sinclair/typebox'
import { NodeError, type NodeDefinition } from '../types.js'
import { classifyError } from '../errors.js'
import { ERROR, IN, OUT, field } from '../shared.js'
import { eventsCausedByWrite } from '../../dependencies/entity_events.js'

export interface CreateEntityConfig {
  entity: string
  data: Record<string, unknown>
}

export const createEntityNode: NodeDefinition<CreateEntityConfig> = {
  type: 'create_entity',
  category: 'action',
  group: 'Actions',
  label: 'Create record',
  icon: 'pi pi-plus-circle',
  description: 'Create a record (deal, activity, invoice, task…) with values from the workflow.',
  ports: { inputs: [IN], outputs: [OUT, ERROR] },
  configSchema: Type.Object({
    entity: Type.String({ minLength: 1, ...field('Record type', 'entity') }),
    data: Type.Record(
      Type.String(),
      Type.Unknown(),
      field('Values', 'keyvalue', { entityFrom: 'entity' })
    ),
  }),
  defaults: { entity: '', data: {} },
  sideEffects: true,
  timeoutMs: 15_000,
  summary: 'Create {{entity}}',
  dependencies: ({ entity }) =>
    entity ? { writes: [entity], emits: eventsCausedByWrite(entity, 'create') } : {},
  async execute(ctx) {
    if (!ctx.config.entity)
      throw new NodeError('validation', 'Choose the record type to create', { code: 'no_entity' })
    try {
      const record = await ctx.services.entities.create(ctx.config.entity, ctx.config.data ?? {}, {
        idempotencyKey: ctx.idempotencyKey,
      })
      return { output: record }
    } catch (error) {
      throw classifyError(error)
    }
  },
}
