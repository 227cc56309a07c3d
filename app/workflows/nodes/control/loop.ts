/**
 * Loop: runs its body (everything connected to "Each item") once per item, in order, each
 * iteration with its own step records (scope `loopId:index`). Inside, `{{loop.item}}` and
 * `{{loop.index}}` are available; "Done" continues with `{ items, count, results }`.
 */
import { Type } from '@sinclair/typebox'
import { LOOP_HARD_CAP } from '../../engine/interpreter.js'
import { NodeError, type NodeDefinition } from '../types.js'
import { ERROR, IN, field } from '../shared.js'

export interface LoopConfig {
  items: unknown
  maxIterations: number
}

export function toItems(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value
  if (typeof value === 'string') {
    const text = value.trim()
    if (!text) return []
    if (text.startsWith('[')) {
      try {
        const parsed = JSON.parse(text)
        return Array.isArray(parsed) ? parsed : null
      } catch {
        return null
      }
    }
    return text
      .split(/\r?\n|,/)
      .map((item) => item.trim())
      .filter(Boolean)
  }
  if (value && typeof value === 'object')
    return Object.entries(value).map(([key, item]) => ({ key, value: item }))
  return value === null || value === undefined ? [] : null
}

export const loopNode: NodeDefinition<LoopConfig> = {
  type: 'loop',
  category: 'control',
  group: 'Control',
  label: 'Loop',
  icon: 'pi pi-replay',
  description:
    'For each item of a list, run the connected steps; continue on "Done" when all are finished.',
  ports: {
    inputs: [IN, { id: 'next', label: 'Next item', kind: 'loop_back' }],
    outputs: [
      { id: 'body', label: 'Each item', kind: 'loop_body' },
      { id: 'done', label: 'Done', kind: 'main' },
      ERROR,
    ],
  },
  configSchema: Type.Object({
    items: Type.Union(
      [Type.String({ minLength: 1 }), Type.Array(Type.Unknown())],
      field('Items', 'expression', { placeholder: '{{steps.fetch.body.rows}}' })
    ),
    maxIterations: Type.Integer({
      minimum: 1,
      maximum: LOOP_HARD_CAP,
      ...field('Max iterations', 'number'),
    }),
  }),
  defaults: { items: '', maxIterations: 1000 },
  sideEffects: false,
  timeoutMs: 5_000,
  summary: 'For each of {{items}} (max {{maxIterations}})',
  async execute(ctx) {
    const items = toItems(ctx.config.items)
    if (!items) {
      throw new NodeError(
        'validation',
        'Items must be a list (an expression resolving to an array)',
        { code: 'loop_items' }
      )
    }
    const max = Math.min(ctx.config.maxIterations || 1000, LOOP_HARD_CAP)
    if (items.length > max) {
      throw new NodeError(
        'validation',
        `The list has ${items.length} items, more than the maximum of ${max} iterations`,
        { code: 'loop_guard' }
      )
    }
    return { output: { items, count: items.length } }
  },
}
