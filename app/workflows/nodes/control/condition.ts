/** If/else: routes to `true` or `false` by structured rules over the execution data. */
import { Type } from '@sinclair/typebox'
import {
  ConditionGroupSchema,
  evaluateConditions,
  type ConditionGroup,
} from '../../engine/conditions.js'
import type { NodeDefinition } from '../types.js'
import { IN } from '../shared.js'

export interface ConditionConfig {
  conditions: ConditionGroup
}

export const conditionNode: NodeDefinition<ConditionConfig> = {
  type: 'condition',
  category: 'control',
  group: 'Control',
  label: 'Condition',
  icon: 'pi pi-directions',
  description: 'If/else: continue on "true" or "false" depending on rules.',
  ports: {
    inputs: [IN],
    outputs: [
      { id: 'true', label: 'True', kind: 'main' },
      { id: 'false', label: 'False', kind: 'main' },
    ],
  },
  configSchema: Type.Object({ conditions: ConditionGroupSchema }),
  defaults: { conditions: { combinator: 'all', rules: [] } },
  sideEffects: false,
  timeoutMs: 5_000,
  summary: '{{length conditions.rules}} rule(s), {{conditions.combinator}}',
  async execute(ctx) {
    // Raw rules: values are rendered once inside the evaluator (never twice).
    const rules = (ctx.rawConfig.conditions ?? ctx.config.conditions) as ConditionGroup
    const result = evaluateConditions(rules, ctx.expression)
    return { output: { result }, port: result ? 'true' : 'false' }
  },
}
