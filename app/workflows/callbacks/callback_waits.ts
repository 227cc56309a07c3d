/**
 * Callback waits (issue 8): a "Wait for callback" step parks until its signed URL is POSTed to,
 * or takes `timed_out` when the URL expires.
 *
 * - `stored` (inside the parking transaction) records the token hash, so the URL works exactly
 *   when the wait exists.
 * - `receiveCallback` (the POST) locks the callback row, marks it used, stores the body on the
 *   wait and makes it due; the execution is woken after commit.
 * - `resolve` (wait due) answers `received` with the body, or `timed_out`; on time-out it claims
 *   the callback row first, so a POST racing the expiry either wins completely or gets 410.
 */
import db from '@adonisjs/lucid/services/db'
import type { WaitKindHandler } from '#workflows/waits/hooks'
import { wakeExecution } from '#workflows/waits/event_waits'
import { hashToken, signCallback, verifyCallback } from '#workflows/callbacks/tokens'

export interface CallbackWaitData {
  expiresAt: number
}

export type ReceiveResult =
  | { status: 'received'; executionId: number }
  | { status: 'invalid' }
  | { status: 'gone'; reason: 'used' | 'expired' | 'unknown' }

export async function receiveCallback(token: string, body: unknown): Promise<ReceiveResult> {
  const check = verifyCallback(token)
  if (!check.ok) {
    return check.reason === 'invalid'
      ? { status: 'invalid' }
      : { status: 'gone', reason: 'expired' }
  }
  const { target } = check
  const result = await db.transaction(async (trx): Promise<ReceiveResult> => {
    const row = await trx
      .from('workflow_callbacks')
      .where('token_hash', hashToken(token))
      .forUpdate()
      .first()
    if (!row) return { status: 'gone', reason: 'unknown' }
    if (row.used_at) return { status: 'gone', reason: 'used' }
    if (new Date(row.expires_at).getTime() < Date.now()) {
      return { status: 'gone', reason: 'expired' }
    }
    const received = { body: body ?? null, receivedAt: new Date().toISOString() }
    const updated = await trx.rawQuery(
      `UPDATE execution_waits SET payload = coalesce(payload, '{}'::jsonb) || jsonb_build_object('received', ?::jsonb),
          resume_at = now()
       WHERE execution_id = ? AND node_id = ? AND scope_key = ? AND kind = 'callback'
         AND status = 'pending'
       RETURNING id`,
      [JSON.stringify(received), target.executionId, target.nodeId, target.scopeKey]
    )
    if (updated.rows.length === 0) return { status: 'gone', reason: 'expired' }
    await trx.from('workflow_callbacks').where('id', row.id).update({ used_at: new Date() })
    return { status: 'received', executionId: target.executionId }
  })
  if (result.status === 'received') {
    await wakeExecution(result.executionId, `cb${Date.now()}`).catch(() => {})
  }
  return result
}

export const callbackWaits: WaitKindHandler = {
  async stored(trx, execution, waits) {
    for (const wait of waits) {
      const data = wait.payload as CallbackWaitData
      const target = {
        executionId: execution.id,
        nodeId: wait.nodeId,
        scopeKey: wait.scopeKey,
        expiresAt: data.expiresAt,
      }
      // Re-parking the same step (a retry) hands out a new URL: replace the old row.
      await trx
        .from('workflow_callbacks')
        .where({ execution_id: execution.id, node_id: wait.nodeId, scope_key: wait.scopeKey })
        .delete()
      await trx.table('workflow_callbacks').insert({
        tenant_id: execution.tenantId,
        execution_id: execution.id,
        node_id: wait.nodeId,
        scope_key: wait.scopeKey,
        token_hash: hashToken(signCallback(target)),
        expires_at: new Date(data.expiresAt),
        created_at: new Date(),
      })
    }
  },

  async resolve(executionId, wait, step) {
    const base = (step.output && typeof step.output === 'object' ? step.output : {}) as Record<
      string,
      unknown
    >
    let payload = (wait.payload ?? {}) as { received?: { body: unknown; receivedAt: string } }
    if (!payload.received) {
      // Claim the URL for the time-out; if a POST already used it, read what it stored.
      const claimed = await db
        .from('workflow_callbacks')
        .where({ execution_id: executionId, node_id: wait.nodeId, scope_key: wait.scopeKey })
        .whereNull('used_at')
        .update({ used_at: new Date() }, ['id'])
      if (claimed.length === 0) {
        const row = await db.from('execution_waits').where('id', wait.id).select('payload').first()
        payload = row?.payload ?? {}
      }
    }
    if (payload.received) {
      return {
        port: 'received',
        output: {
          ...base,
          received: true,
          data: payload.received.body,
          receivedAt: payload.received.receivedAt,
        },
      }
    }
    return { port: 'timed_out', output: { ...base, received: false, data: null } }
  },
}
