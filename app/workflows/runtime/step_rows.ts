/**
 * Builds the `execution_steps` rows an execution writes at its checkpoints. Rows are numbered
 * (`seq`) in the order things happened in this execution, continuing after the rows already
 * stored, so the step history reads in execution order whatever the checkpoint batching.
 */
import type { ReadyStep, StepRecord } from '#workflows/engine/interpreter'
import type { LoadedStep, StepRow } from '#workflows/runtime/execution_store'

/** A step's port as stored: one port, several joined by commas, or null. */
export const portToColumn = (port: StepRecord['port']) =>
  port === null || port === undefined ? null : Array.isArray(port) ? port.join(',') : port

export const portFromColumn = (port: string | null) =>
  port === null ? null : port.includes(',') ? port.split(',') : port

/** What a row of a step that ran (or is about to) records besides its identity and status. */
export interface StepRowData {
  startedAt?: Date
  finishedAt?: Date
  durationMs?: number
  output?: unknown
  port?: string | null
  error?: unknown
}

export class StepRows {
  /** `seq`: how many rows the execution already has (the next row follows them). */
  constructor(private seq: number) {}

  /** A step of this pass: started (`running`), waiting, or settled. */
  ofStep(step: ReadyStep, attempt: number, status: StepRow['status'], data: StepRowData): StepRow {
    return {
      nodeId: step.nodeId,
      nodeType: step.type.type,
      scopeKey: step.scopeKey,
      status,
      attempt,
      seq: this.seq++,
      input: step.input ?? null,
      output: data.output ?? null,
      port: data.port ?? null,
      error: data.error ?? null,
      startedAt: data.startedAt?.toISOString() ?? null,
      finishedAt: data.finishedAt?.toISOString() ?? null,
      durationMs: data.durationMs ?? null,
    }
  }

  /** A step the interpreter skipped (on a branch that was not taken). */
  skipped(nodeId: string, nodeType: string, scopeKey: string): StepRow {
    return { nodeId, nodeType, scopeKey, status: 'skipped', attempt: 1, seq: this.seq++ }
  }

  /** A stored waiting step whose wait resolved: it succeeds with the wait's output and port. */
  resumed(row: LoadedStep, resolved: { output: unknown; port: string | null }): StepRow {
    return {
      nodeId: row.nodeId,
      nodeType: row.nodeType,
      scopeKey: row.scopeKey,
      status: 'succeeded',
      attempt: row.attempt,
      seq: this.seq++,
      output: resolved.output,
      port: resolved.port,
      finishedAt: new Date().toISOString(),
    }
  }
}
