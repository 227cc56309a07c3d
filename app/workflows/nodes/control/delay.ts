/**
 * Delay: waits for a duration or until a date. Durable: the step returns a `wait` that the
 * runtime persists (wait row + delayed job), so the delay survives restarts.
 */
import { Type } from '@sinclair/typebox'
import { parseDuration } from '../../engine/duration.js'
import { toDateTime } from '../../engine/expressions.js'
import { NodeError, type NodeDefinition } from '../types.js'
import { IN, OUT, field } from '../shared.js'

export const MAX_DELAY_MS = 366 * 86_400_000

export interface DelayConfig {
  mode: 'duration' | 'until'
  duration?: string
  until?: string
}

export const delayNode: NodeDefinition<DelayConfig> = {
  type: 'delay',
  category: 'control',
  group: 'Control',
  label: 'Delay',
  icon: 'pi pi-hourglass',
  description: 'Wait for a duration (e.g. 2h, 3d) or until a date, then continue.',
  ports: { inputs: [IN], outputs: [OUT] },
  configSchema: Type.Object({
    mode: Type.Union(
      [Type.Literal('duration'), Type.Literal('until')],
      field('Wait', 'enum', {
        options: [
          { value: 'duration', label: 'For a duration' },
          { value: 'until', label: 'Until a date' },
        ],
      })
    ),
    duration: Type.Optional(
      Type.String({
        format: 'duration',
        ...field('Duration', 'duration', {
          placeholder: '2h 30m',
          showIf: { field: 'mode', in: ['duration'] },
        }),
      })
    ),
    until: Type.Optional(
      Type.String(
        field('Until', 'expression', {
          placeholder: '{{invoice.dueDate}}',
          showIf: { field: 'mode', in: ['until'] },
        })
      )
    ),
  }),
  defaults: { mode: 'duration', duration: '1h' },
  sideEffects: false,
  timeoutMs: 5_000,
  summary: '{{#if (eq mode "until")}}Until {{until}}{{else}}For {{duration}}{{/if}}',
  async execute(ctx) {
    const now = Date.now()
    let resumeAt: number
    if (ctx.config.mode === 'until') {
      const date = toDateTime(ctx.config.until)
      if (!date)
        throw new NodeError('validation', `"${ctx.config.until ?? ''}" is not a date`, {
          code: 'invalid_date',
        })
      resumeAt = date.toMillis()
    } else {
      const ms = parseDuration(ctx.config.duration)
      if (ms === null)
        throw new NodeError('validation', `"${ctx.config.duration ?? ''}" is not a duration`, {
          code: 'invalid_duration',
        })
      resumeAt = now + ms
    }
    if (resumeAt - now > MAX_DELAY_MS) {
      throw new NodeError('validation', 'A delay cannot be longer than one year', {
        code: 'delay_too_long',
      })
    }
    const output = { resumeAt: new Date(resumeAt).toISOString() }
    if (resumeAt <= now) return { output: { ...output, skipped: true } }
    return { output, wait: { kind: 'delay', until: output.resumeAt } }
  },
}
