import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { loadVersion } from '#workflows/runtime/version_cache'
import { runtimeConfig } from '#workflows/runtime/config'
import { webhookTrigger, type WebhookConfig } from '#workflows/nodes/triggers/webhook'
import {
  verifyWebhookSignature,
  verifyWebhookToken,
} from '#workflows/nodes/triggers/webhook_security'
import { startExecution, waitForExecution } from '#workflows/services/execution_service'
import { recordWebhookRejection } from '#workflows/triggers/webhook_rejections'

/** Request headers never copied into the execution input. */
const PRIVATE_HEADERS = new Set(['cookie', 'authorization', 'x-signature', 'proxy-authorization'])

function problem(status: number, code: string, message: string) {
  return { status, body: { errors: [{ code, message }] } }
}

/**
 * POST /api/v1/hooks/:workflowId/:token — starts the workflow's active version. The URL token
 * authenticates (401), the optional HMAC-SHA256 `X-Signature: sha256=<hex>` of the raw body
 * proves integrity (403), bodies over WORKFLOW_WEBHOOK_MAX_BYTES are refused (413). Answers 202
 * `{ executionId }`, or waits for the result when the trigger is set to. An `Idempotency-Key`
 * header makes retries by the sender start one execution.
 */
export default class WebhooksController {
  async handle({ params, request, response }: HttpContext) {
    const workflowId = Number(params.workflowId)
    const row = Number.isSafeInteger(workflowId)
      ? await db
          .from('workflows')
          .where('id', workflowId)
          .where('status', 'active')
          .select('id', 'tenant_id', 'active_version_id', 'priority')
          .first()
      : null
    if (!row?.active_version_id) {
      const { status, body } = problem(404, 'E_NO_WEBHOOK', 'No active workflow at this URL')
      return response.status(status).send(body)
    }
    const version = await loadVersion(Number(row.active_version_id))
    const node = version.graph.nodes.find((candidate) => candidate.type === webhookTrigger.type)
    if (!node) {
      const { status, body } = problem(404, 'E_NO_WEBHOOK', 'This workflow has no webhook trigger')
      return response.status(status).send(body)
    }
    const config = { ...webhookTrigger.defaults, ...node.config } as WebhookConfig
    const known = { id: Number(row.id), tenantId: Number(row.tenant_id) }
    if (!verifyWebhookToken(config, String(params.token ?? ''))) {
      await recordWebhookRejection(known, 401, 'E_BAD_WEBHOOK_TOKEN')
      const { status, body } = problem(401, 'E_BAD_WEBHOOK_TOKEN', 'Unknown webhook token')
      return response.status(status).send(body)
    }
    const raw = request.raw() ?? ''
    const size = Math.max(Number(request.header('content-length') ?? 0), Buffer.byteLength(raw))
    if (size > runtimeConfig.webhookMaxBytes) {
      await recordWebhookRejection(known, 413, 'E_PAYLOAD_TOO_LARGE')
      const { status, body } = problem(
        413,
        'E_PAYLOAD_TOO_LARGE',
        `The payload is larger than ${runtimeConfig.webhookMaxBytes} bytes`
      )
      return response.status(status).send(body)
    }
    if (!verifyWebhookSignature(config, raw, request.header('x-signature'))) {
      await recordWebhookRejection(known, 403, 'E_BAD_SIGNATURE')
      const { status, body } = problem(
        403,
        'E_BAD_SIGNATURE',
        'The X-Signature header does not match the HMAC-SHA256 of the body'
      )
      return response.status(status).send(body)
    }

    const headers: Record<string, string> = {}
    for (const [key, value] of Object.entries(request.headers())) {
      if (!PRIVATE_HEADERS.has(key) && typeof value === 'string') headers[key] = value
    }
    const idempotencyKey = request.header('idempotency-key')?.slice(0, 150)
    const triggerKey = idempotencyKey ? `hook:${idempotencyKey}` : null
    let executionId = await startExecution({
      tenantId: Number(row.tenant_id),
      workflowId: Number(row.id),
      versionId: version.id,
      triggerType: webhookTrigger.type,
      triggerKey,
      priority: row.priority,
      input: {
        method: request.method(),
        headers,
        query: request.qs(),
        body: request.body(),
        receivedAt: new Date().toISOString(),
      },
    })
    let duplicate = false
    if (executionId === null) {
      duplicate = true
      const existing = await db
        .from('executions')
        .where('version_id', version.id)
        .where('trigger_key', triggerKey!)
        .select('id')
        .first()
      executionId = Number(existing.id)
    }

    if (config.respondMode === 'wait') {
      const execution = await waitForExecution(executionId, config.waitTimeoutSeconds * 1000)
      if (execution?.isFinished) {
        return response.status(execution.status === 'succeeded' ? 200 : 500).send({
          executionId,
          status: execution.status,
          output: execution.output,
          error: execution.error,
          duplicate,
        })
      }
      return response.accepted({ executionId, status: execution?.status ?? 'queued', duplicate })
    }
    return response.accepted({ executionId, duplicate })
  }
}
