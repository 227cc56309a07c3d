/**
 * Records webhook requests refused for a known workflow, so the metrics page can show failed
 * deliveries (and their signature result) next to the ones that started an execution.
 */
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'

export async function recordWebhookRejection(
  workflow: { id: number; tenantId: number },
  httpStatus: number,
  code: string
) {
  try {
    await db.table('webhook_rejections').insert({
      tenant_id: workflow.tenantId,
      workflow_id: workflow.id,
      http_status: httpStatus,
      code,
      received_at: new Date(),
    })
  } catch (error) {
    // Bookkeeping must never change the answer the sender gets.
    logger.warn({ err: error, workflowId: workflow.id }, 'could not record a webhook rejection')
  }
}
