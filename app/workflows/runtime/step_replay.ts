/**
 * Resuming an execution: its stored step rows become the interpreter's records again, so the
 * interpreter continues from where the last checkpoint left it. Waits are settled here:
 * - a waiting step whose delay is due succeeds (approvals and wait-for-event decide their own
 *   output and port through waits/hooks.ts); its wait is marked resumed with the next checkpoint;
 * - a due persisted retry (reliability/step_retry.ts) runs the step again with the next attempt;
 * - a waiting step without a pending wait row (crash before the wait was stored) is re-run;
 * - a wait that is not due keeps its step waiting.
 */
import type { StepRecord } from '#workflows/engine/interpreter'
import { pendingWaits, type LoadedStep, type StepRow } from '#workflows/runtime/execution_store'
import { portFromColumn, type StepRows } from '#workflows/runtime/step_rows'
import { RETRY_WAIT_KIND } from '#workflows/reliability/step_retry'
import { resolveDueWait, resolvesWaitKind } from '#workflows/waits/hooks'

export interface Replay {
  records: StepRecord[]
  /** Last stored attempt per step (`nodeId@scopeKey`): a re-run continues the count. */
  attempts: Map<string, number>
  /** Waits this replay resumed, to mark with the next checkpoint. */
  resumedWaitIds: number[]
  /** Rows of the steps whose wait resolved, to write with the next checkpoint. */
  rows: StepRow[]
}

export async function replayRecords(
  executionId: number,
  loaded: LoadedStep[],
  stepRows: StepRows
): Promise<Replay> {
  const replay: Replay = { records: [], attempts: new Map(), resumedWaitIds: [], rows: [] }
  const { records } = replay
  const waiting = loaded.filter((row) => row.status === 'waiting')
  const waits = waiting.length > 0 ? await pendingWaits(executionId) : []
  for (const row of loaded) {
    const key = `${row.nodeId}@${row.scopeKey}`
    replay.attempts.set(key, row.attempt)
    if (row.status === 'skipped' || row.status === 'cancelled') continue
    if (row.status === 'waiting') {
      const wait = waits.find((w) => w.nodeId === row.nodeId && w.scopeKey === row.scopeKey)
      if (!wait) {
        records.push({ nodeId: row.nodeId, scopeKey: row.scopeKey, status: 'running' })
        continue
      }
      if (wait.kind === RETRY_WAIT_KIND) {
        // A persisted retry (issue 5): due → the step runs again with the next attempt.
        if (wait.due) {
          replay.resumedWaitIds.push(wait.id)
          records.push({ nodeId: row.nodeId, scopeKey: row.scopeKey, status: 'running' })
          continue
        }
      } else if (wait.due && (wait.kind === 'delay' || resolvesWaitKind(wait.kind))) {
        // Approvals and wait-for-event decide their own port (waits/hooks.ts).
        const resolved =
          wait.kind === 'delay'
            ? { output: row.output, port: row.port }
            : await resolveDueWait(executionId, wait, row)
        if (resolved) {
          replay.resumedWaitIds.push(wait.id)
          records.push({
            nodeId: row.nodeId,
            scopeKey: row.scopeKey,
            status: 'succeeded',
            output: resolved.output,
            port: portFromColumn(resolved.port),
          })
          replay.rows.push(stepRows.resumed(row, resolved))
          continue
        }
      }
    }
    records.push({
      nodeId: row.nodeId,
      scopeKey: row.scopeKey,
      status: row.status,
      output: row.output,
      port: portFromColumn(row.port),
      error: row.error,
    })
  }
  return replay
}
