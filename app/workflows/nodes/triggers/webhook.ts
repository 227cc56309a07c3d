/**
 * Webhook trigger: POST /api/v1/hooks/:workflowId/:token starts the workflow with the request.
 * The URL token and the optional HMAC-SHA256 secret live in the config; the endpoint checks them
 * with nodes/triggers/webhook_security.ts (server-only, uses node:crypto). Respond mode: 202 with
 * the execution id at once, or wait for the result up to `waitTimeoutSeconds`.
 */
import { Type } from '@sinclair/typebox'
import type { NodeDefinition } from '../types.js'
import { OUT, field } from '../shared.js'
import { generateToken } from '../../engine/defaults.js'

export const WebhookConfigSchema = Type.Object({
  token: Type.String({
    minLength: 16,
    maxLength: 128,
    pattern: '^[A-Za-z0-9_-]+$',
    ...field('URL token', 'secret', {
      help: 'Secret part of the webhook URL (generated; rotate to revoke)',
      generate: true,
    }),
  }),
  signatureSecret: Type.Optional(
    Type.String({
      maxLength: 256,
      ...field('HMAC secret', 'secret', {
        help: 'When set, requests must carry X-Signature: sha256=<hex HMAC of the raw body>',
      }),
    })
  ),
  respondMode: Type.Union([Type.Literal('accepted'), Type.Literal('wait')], {
    ...field('Respond', 'enum', {
      options: [
        { value: 'accepted', label: '202 Accepted with the execution id' },
        { value: 'wait', label: 'Wait for the result' },
      ],
    }),
  }),
  waitTimeoutSeconds: Type.Integer({
    minimum: 1,
    maximum: 60,
    ...field('Wait up to (seconds)', 'number', { showIf: { field: 'respondMode', in: ['wait'] } }),
  }),
})

export interface WebhookConfig {
  token: string
  signatureSecret?: string
  respondMode: 'accepted' | 'wait'
  waitTimeoutSeconds: number
}

/** URL-safe random token for the webhook URL (see engine/defaults.ts). */
export const generateWebhookToken = generateToken

export const webhookTrigger: NodeDefinition<WebhookConfig> = {
  type: 'webhook',
  category: 'trigger',
  group: 'Triggers',
  label: 'Webhook',
  icon: 'pi pi-globe',
  description:
    'Start when an external system POSTs to the workflow URL (token, optional HMAC signature).',
  ports: { inputs: [], outputs: [OUT] },
  configSchema: WebhookConfigSchema,
  defaults: { token: '', respondMode: 'accepted', waitTimeoutSeconds: 10 },
  sideEffects: false,
  timeoutMs: 5_000,
  summary:
    '{{#if (eq respondMode "wait")}}Waits for result{{else}}Responds 202{{/if}}{{#if signatureSecret}} · signed{{/if}}',
  trigger: { kind: 'webhook' },
  async execute(ctx) {
    const request = (ctx.input && typeof ctx.input === 'object' ? ctx.input : {}) as Record<
      string,
      unknown
    >
    return {
      output: {
        method: request.method ?? 'POST',
        headers: request.headers ?? {},
        query: request.query ?? {},
        body: request.body ?? null,
        receivedAt: request.receivedAt ?? null,
      },
    }
  },
}
