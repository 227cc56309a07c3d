/**
 * Schedule trigger: a cron expression in a time zone (croner). The scheduler process ticks it
 * (exactly once per tick across schedulers); `trigger.nextRuns` feeds the builder's preview.
 */
import { Type } from '@sinclair/typebox'
import { Cron } from 'croner'
import type { NodeDefinition } from '../types.js'
import { OUT, field } from '../shared.js'

export const ScheduleConfigSchema = Type.Object({
  cron: Type.String({
    minLength: 1,
    format: 'cron',
    ...field('Cron', 'cron', {
      placeholder: '0 9 * * 1-5',
      help: 'minute hour day month weekday (optional seconds first)',
    }),
  }),
  timezone: Type.String({ minLength: 1, format: 'timezone', ...field('Time zone', 'timezone') }),
})

export interface ScheduleConfig {
  cron: string
  timezone: string
}

export function nextScheduleRuns(config: ScheduleConfig, count: number, from?: Date): Date[] {
  try {
    const cron = new Cron(config.cron, { paused: true, timezone: config.timezone || 'UTC' })
    return cron.nextRuns(count, from ?? new Date())
  } catch {
    return []
  }
}

export const scheduleTrigger: NodeDefinition<ScheduleConfig> = {
  type: 'schedule',
  category: 'trigger',
  group: 'Triggers',
  label: 'Schedule',
  icon: 'pi pi-clock',
  description: 'Start on a schedule (cron with time zone), e.g. every weekday at 9:00.',
  ports: { inputs: [], outputs: [OUT] },
  configSchema: ScheduleConfigSchema,
  defaults: { cron: '0 9 * * 1-5', timezone: 'UTC' },
  sideEffects: false,
  timeoutMs: 5_000,
  summary: '{{cron}} ({{timezone}})',
  trigger: { kind: 'schedule', nextRuns: nextScheduleRuns },
  async execute(ctx) {
    const input = (ctx.input && typeof ctx.input === 'object' ? ctx.input : {}) as Record<
      string,
      unknown
    >
    return {
      output: {
        scheduledFor: input.scheduledFor ?? null,
        firedAt: input.firedAt ?? new Date().toISOString(),
        cron: ctx.config.cron,
        timezone: ctx.config.timezone,
      },
    }
  },
}
