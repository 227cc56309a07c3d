/**
 * Wait for callback: hands an external system a signed, one-use, expiring URL (step output
 * `{ url, expiresAt }`, usable by later nodes such as an HTTP request) and pauses until it is
 * POSTed to (`received`, the posted JSON in `data`) or expires (`timed_out`).
 *
 * The URL is a pure function of (execution, node, scope, expiry) and the app key, so it exists in
 * the output before the execution parks; the wait hook (app/workflows/callbacks/callback_waits.ts)
 * stores its hash in the parking transaction. Later nodes in a parallel branch can use it while
 * this step waits only if they run after it, as for any step output.
 */
import { Type } from '@sinclair/typebox'
import { parseDuration } from '../../engine/duration.js'
import { NodeError, type NodeDefinition } from '../types.js'
import { IN, field } from '../shared.js'
import { callbackUrl, signCallback } from '../../callbacks/tokens.js'

export interface WaitForCallbackConfig {
  expiresIn?: string
}

export const MAX_CALLBACK_WAIT_MS = 90 * 86_400_000

export const waitForCallbackNode: NodeDefinition<WaitForCallbackConfig> = {
  type: 'wait_for_callback',
  category: 'control',
  group: 'Control',
  label: 'Wait For Callback',
  icon: 'pi pi-link',
  description:
    'Create a one-use signed URL for an external system and pause until it is called (or expires).',
  ports: {
    inputs: [IN],
    outputs: [
      { id: 'received', label: 'Callback received', kind: 'main' },
      { id: 'timed_out', label: 'Timed out', kind: 'main' },
    ],
  },
  configSchema: Type.Object({
    expiresIn: Type.Optional(
      Type.String(
        field('Expires in', 'duration', { placeholder: '1d', help: 'Up to 90 days; default 1d' })
      )
    ),
  }),
  defaults: { expiresIn: '1d' },
  sideEffects: false,
  timeoutMs: 5_000,
  summary: 'Callback URL, expires in {{expiresIn}}',
  async execute(ctx) {
    const expiresIn = ctx.config.expiresIn?.trim() || '1d'
    const ms = parseDuration(expiresIn)
    if (ms === null || ms <= 0 || ms > MAX_CALLBACK_WAIT_MS) {
      throw new NodeError('validation', `"${expiresIn}" is not an expiry up to 90 days`, {
        code: 'invalid_duration',
      })
    }
    const expiresAt = Date.now() + ms
    const token = signCallback({
      executionId: Number(ctx.executionId),
      nodeId: ctx.nodeId,
      scopeKey: ctx.scopeKey,
      expiresAt,
    })
    const expiresIso = new Date(expiresAt).toISOString()
    return {
      output: { url: callbackUrl(token), expiresAt: expiresIso },
      wait: { kind: 'callback', until: expiresIso, data: { expiresAt } },
    }
  },
}
