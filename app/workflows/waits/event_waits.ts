/**
 * Wait-for-event steps (issue 8): the step waits until a domain event of a type whose payload
 * field equals a correlation value (e.g. `payment.received` with `entity.invoiceId` = 42).
 *
 * Nothing is missed around registration: when the wait is stored, domain events since the step
 * started (minus a small look-back window) are searched first; a listener then matches new
 * events against pending waits; and before a wait times out it searches once more, which covers
 * an event committed while the wait itself was being stored.
 */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { WaitKindHandler } from '#workflows/waits/hooks'
import { enqueueExecution } from '#workflows/runtime/queue'

/** How far before the step started events still count (clock skew, commit order). */
export const LOOKBACK_MS = 5_000

export interface EventWaitData {
  eventType: string
  matchField: string | null
  matchValue: string | null
  since: string
}

export interface MatchedEvent {
  id: string
  type: string
  aggregateType: string
  aggregateId: string
  payload: Record<string, unknown>
  occurredAt: string
}

/** `entity.invoiceId` → payload.entity.invoiceId; `aggregateId` → the event's aggregate id. */
export function correlates(
  data: Pick<EventWaitData, 'matchField' | 'matchValue'>,
  event: { aggregateId?: string | number; payload: unknown }
): boolean {
  if (!data.matchField) return true
  let value: unknown
  if (data.matchField === 'aggregateId') value = event.aggregateId
  else {
    value = event.payload
    for (const part of data.matchField.split('.')) {
      value =
        value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined
    }
  }
  if (value === undefined || value === null) return false
  return String(value) === String(data.matchValue ?? '')
}

function toMatched(row: any): MatchedEvent {
  return {
    id: row.id,
    type: row.type,
    aggregateType: row.aggregate_type,
    aggregateId: String(row.aggregate_id),
    payload: row.payload,
    occurredAt: new Date(row.occurred_at).toISOString(),
  }
}

/** The earliest stored event matching the wait since it started, if any. */
export async function findPastEvent(
  client: QueryClientContract,
  tenantId: number,
  data: EventWaitData
): Promise<MatchedEvent | null> {
  const since = new Date(Date.parse(data.since) - LOOKBACK_MS)
  const rows = await client
    .from('domain_events')
    .where('tenant_id', tenantId)
    .where('type', data.eventType)
    .where('occurred_at', '>=', since)
    .orderBy('occurred_at', 'asc')
    .limit(1000)
    .select('id', 'type', 'aggregate_type', 'aggregate_id', 'payload', 'occurred_at')
  const row = rows.find((candidate: any) =>
    correlates(data, { aggregateId: candidate.aggregate_id, payload: candidate.payload })
  )
  return row ? toMatched(row) : null
}

/** Marks the wait matched (first match wins) and due now; true when this call matched it. */
export async function matchWait(
  client: QueryClientContract,
  where: { executionId: number; nodeId: string; scopeKey: string },
  event: MatchedEvent
): Promise<boolean> {
  const result = await client.rawQuery(
    `UPDATE execution_waits SET payload = coalesce(payload, '{}'::jsonb) || jsonb_build_object('matched', ?::jsonb),
        resume_at = now()
     WHERE execution_id = ? AND node_id = ? AND scope_key = ? AND kind = 'event'
       AND status = 'pending' AND payload->'matched' IS NULL
     RETURNING id`,
    [JSON.stringify(event), where.executionId, where.nodeId, where.scopeKey]
  )
  return result.rows.length > 0
}

export async function wakeExecution(executionId: number, tag: string) {
  const row = await db.from('executions').where('id', executionId).select('priority').first()
  await enqueueExecution(executionId, row?.priority ?? 'normal', undefined, tag)
}

export const eventWaits: WaitKindHandler = {
  async stored(trx, execution, waits) {
    for (const wait of waits) {
      const data = wait.payload as EventWaitData
      const event = await findPastEvent(trx, execution.tenantId, data)
      if (!event) continue
      const where = { executionId: execution.id, nodeId: wait.nodeId, scopeKey: wait.scopeKey }
      if (await matchWait(trx, where, event)) {
        trx.after('commit', () => {
          wakeExecution(execution.id, `w${Date.now()}`).catch(() => {})
        })
      }
    }
  },

  async resolve(executionId, wait, step) {
    const payload = (wait.payload ?? {}) as unknown as EventWaitData & { matched?: MatchedEvent }
    let matched = payload.matched ?? null
    if (!matched) {
      const execution = await db
        .from('executions')
        .where('id', executionId)
        .select('tenant_id')
        .first()
      matched = execution
        ? await findPastEvent(db.connection(), Number(execution.tenant_id), payload)
        : null
    }
    const base = (step.output && typeof step.output === 'object' ? step.output : {}) as Record<
      string,
      unknown
    >
    if (matched) {
      return {
        port: 'received',
        output: {
          ...base,
          received: true,
          event: matched,
          entity: matched.payload?.entity ?? null,
        },
      }
    }
    return { port: 'timed_out', output: { ...base, received: false, event: null } }
  },
}
