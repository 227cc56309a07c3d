/** Update a record of a registered entity through the entity registry (validation + events). */
import { Type } from '@sinclair/typebox'
import { NodeError, type NodeDefinition } from '../types.js'
import { classifyError } from '../errors.js'
import { ERROR, IN, OUT, field } from '../shared.js'
import { eventsCausedByWrite } from '../../dependencies/entity_events.js'

export interface UpdateEntityConfig {
  entity: string
  id: string | number
  data: Record<string, unknown>
}

export const updateEntityNode: NodeDefinition<UpdateEntityConfig> = {
  type: 'update_entity',
  category: 'action',
  group: 'Actions',
  label: 'Update record',
  icon: 'pi pi-pencil',
  description: 'Change fields of a record, e.g. mark the triggering invoice as disputed.',
  ports: { inputs: [IN], outputs: [OUT, ERROR] },
  configSchema: Type.Object({
    entity: Type.String({ minLength: 1, ...field('Record type', 'entity') }),
    id: Type.Union(
      [Type.String({ minLength: 1 }), Type.Integer({ minimum: 1 })],
      field('Record id', 'expression', { placeholder: '{{trigger.entityId}}' })
    ),
    data: Type.Record(Type.String(), Type.Unknown(), {
      minProperties: 1,
      ...field('Values', 'keyvalue', { entityFrom: 'entity' }),
    }),
  }),
  defaults: { entity: '', id: '{{trigger.entityId}}', data: {} },
  sideEffects: true,
  timeoutMs: 15_000,
  summary: 'Update {{entity}} {{id}}',
  // An update loads the record first (and outputs it), so it reads the entity as well.
  dependencies: ({ entity }) =>
    entity
      ? { reads: [entity], writes: [entity], emits: eventsCausedByWrite(entity, 'update') }
      : {},
  async execute(ctx) {
    const { entity, id, data } = ctx.config
    if (!entity)
      throw new NodeError('validation', 'Choose the record type to update', { code: 'no_entity' })
    if (id === '' || id === null || id === undefined) {
      throw new NodeError('validation', 'The record id is empty', { code: 'no_id' })
    }
    try {
      const record = await ctx.services.entities.update(entity, id, data ?? {}, {
        idempotencyKey: ctx.idempotencyKey,
      })
      return { output: record }
    } catch (error) {
      throw classifyError(error)
    }
  },
}
