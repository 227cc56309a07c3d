/**
 * Advances one execution as far as it can go: lease → load the pinned version and the finished
 * steps → run the interpreter's frontier → checkpoint → finish, park (waiting) or release.
 *
 * Checkpoint policy (the durability/throughput trade-off, see DESIGN.md "Execution model"):
 * - pure steps (no side effects) are deterministic; their records are buffered and written
 *   with the next checkpoint. A crash before that re-runs them with the same result.
 * - a step whose effect lives in our database (DB_EFFECT_TYPES) runs inside a transaction that
 *   also writes the buffered records + its own record and renews the lease: effect and
 *   checkpoint commit together or not at all.
 * - any other side-effecting step (HTTP) is preceded by a checkpoint marking it `running` and
 *   followed by one recording its result. A crash in between re-runs it with the same
 *   idempotency key (`executionId:nodeId:scopeKey`), which the node passes on.
 * Every checkpoint statement fences on (lease owner, status = running), so a cancelled execution
 * or a worker whose lease was taken over stops at its next checkpoint and writes nothing more.
 *
 * A resumed execution's stored steps (and its due waits) become interpreter records in
 * step_replay.ts; the rows each checkpoint writes are built in step_rows.ts.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { CompiledWorkflow, ExecutionState, ReadyStep } from '#workflows/engine/interpreter'
import { nodeRegistry } from '#workflows/nodes/registry'
import { runNode, type RunNodeResult } from '#workflows/nodes/run_node'
import { NodeError, type NodeDefinition, type WaitRequest } from '#workflows/nodes/types'
import {
  checkpoint,
  insertWaits,
  leaseExecution,
  loadSteps,
  markWaitsResumed,
  peekExecution,
  renewLease,
  releaseLease,
  type LeasedExecution,
  type StepRow,
  type Transition,
} from '#workflows/runtime/execution_store'
import { replayRecords } from '#workflows/runtime/step_replay'
import { portToColumn, StepRows } from '#workflows/runtime/step_rows'
import { loadVersion } from '#workflows/runtime/version_cache'
import { nodeServices } from '#workflows/runtime/node_services'
import { enqueueExecution } from '#workflows/runtime/queue'
import {
  executionChanged,
  stepChange,
  stepsChanged,
  type StepChange,
} from '#workflows/runtime/lifecycle'
import {
  nodeTimeoutMs,
  RETRY_WAIT_KIND,
  runWithRetries,
  type RetriedResult,
} from '#workflows/reliability/step_retry'
import { onExecutionFailed } from '#workflows/reliability/failure_handling'
import { onWaitsStored } from '#workflows/waits/hooks'
import { admitExecution } from '#workflows/reliability/concurrency'
import { onChildExecutionFinished } from '#workflows/versions/subflows/calls'

/** Trigger type of executions started by a Sub-Workflow step (versions/subflows/calls.ts). */
const SUB_WORKFLOW_TRIGGER = 'sub_workflow'

/** Node types whose effect is a write to our own database (effect + checkpoint in one trx). */
export const DB_EFFECT_TYPES = new Set(['create_entity', 'update_entity', 'notification'])

export type RunOutcome = 'skipped' | 'succeeded' | 'failed' | 'waiting' | 'released' | 'lost'

class LeaseLost extends Error {}

interface PendingWait {
  nodeId: string
  scopeKey: string
  kind: WaitRequest['kind']
  resumeAt: string | null
  payload: unknown
}

/** What a worker needs to know to stop early (graceful shutdown). */
export interface RunSignal {
  readonly stopping: boolean
}

export class ExecutionRunner {
  constructor(
    readonly owner: string,
    readonly leaseMs: number
  ) {}

  async run(executionId: number, signal: RunSignal = { stopping: false }): Promise<RunOutcome> {
    // A fresh execution is claimed by its first checkpoint (one commit less); anything else
    // (resumes, crash recovery) is leased up front.
    const peeked = await peekExecution(executionId)
    if (!peeked) return 'skipped'
    const fresh = peeked.status === 'queued' && peeked.stepCount === 0
    // Concurrency limits (reliability/concurrency.ts): a deferred execution stays queued.
    if (fresh && !(await admitExecution(peeked))) return 'skipped'
    const lease = fresh ? peeked : await leaseExecution(executionId, this.owner, this.leaseMs)
    if (!lease) return 'skipped'
    const run = new ExecutionRun(this, lease, signal, !fresh)
    const heartbeat = setInterval(() => run.heartbeat(), Math.max(250, this.leaseMs / 3))
    try {
      return await run.advance()
    } catch (error) {
      if (error instanceof LeaseLost) return run.acquired ? 'lost' : 'skipped'
      // Unexpected (database down, bug): give the execution back so another attempt resumes it.
      if (run.acquired) await releaseLease(executionId, this.owner).catch(() => {})
      throw error
    } finally {
      clearInterval(heartbeat)
    }
  }
}

class ExecutionRun {
  private state!: ExecutionState
  private compiled!: CompiledWorkflow
  private stepRows!: StepRows
  /** Step rows for the next checkpoint. */
  private buffered: StepRow[] = []
  /** Step changes to publish once the checkpoint holding them is written. */
  private changes: StepChange[] = []
  private waits: PendingWait[] = []
  private resumedWaitIds: number[] = []
  private attempts = new Map<string, number>()
  private lost = false
  private versionNumber = 0
  private announced = false
  /** Set when a DB-effect step's transaction already wrote the final transition. */
  private finished: 'succeeded' | 'failed' | null = null

  constructor(
    private readonly runner: ExecutionRunner,
    private readonly lease: LeasedExecution,
    private readonly signal: RunSignal,
    /** False until the first checkpoint claims a fresh execution. */
    public acquired: boolean
  ) {}

  private get ids() {
    return {
      id: this.lease.id,
      tenantId: this.lease.tenantId,
      workflowId: this.lease.workflowId,
      versionId: this.lease.versionId,
    }
  }

  heartbeat() {
    if (this.lost || !this.acquired) return
    renewLease(this.lease.id, this.runner.owner, this.runner.leaseMs)
      .then((held) => {
        if (!held) this.lost = true
      })
      .catch(() => {})
  }

  async advance(): Promise<RunOutcome> {
    const version = await loadVersion(this.lease.versionId)
    const loaded = this.lease.stepCount > 0 ? await loadSteps(this.lease.id) : []
    this.stepRows = new StepRows(loaded.length)
    const replay = await replayRecords(this.lease.id, loaded, this.stepRows)
    this.attempts = replay.attempts
    this.resumedWaitIds = replay.resumedWaitIds
    this.buffered.push(...replay.rows)
    this.compiled = version.compiled
    this.state = version.compiled.start({
      input: this.lease.input,
      records: replay.records,
      execution: { id: this.lease.id, workflowId: this.lease.workflowId },
    })
    this.versionNumber = version.number
    if (this.acquired && loaded.length === 0) this.announceStart()

    const queue: ReadyStep[] = [...this.state.ready()]
    const parked: ReadyStep[] = []
    while (queue.length > 0) {
      if (this.lost) throw new LeaseLost()
      if (this.signal.stopping) return this.release()
      const step = queue.shift()!
      if (step.previous?.status === 'waiting') {
        parked.push(step)
        continue
      }
      const next = await this.execute(step)
      if (next === 'parked') parked.push(step)
      else queue.push(...next)
    }
    const outcome = this.state.outcome()
    if (outcome === 'running') return this.park(parked)
    return this.finish(outcome)
  }

  /** Runs one ready step; returns the steps it made ready, or 'parked' when it waits. */
  private async execute(step: ReadyStep): Promise<ReadyStep[] | 'parked'> {
    const definition = nodeRegistry.get(step.type.type)
    const attempt = step.previous ? (this.attempts.get(step.key) ?? 1) + 1 : 1
    const startedAt = new Date()
    this.changes.push(
      stepChange('step.started', {
        nodeId: step.nodeId,
        scopeKey: step.scopeKey,
        nodeType: step.type.type,
        attempt,
      })
    )
    if (!definition) {
      const error = new NodeError('internal', `Unknown node type "${step.type.type}"`)
      return this.settle(step, attempt, startedAt, { ok: false, error, durationMs: 0 })
    }

    if (definition.sideEffects && DB_EFFECT_TYPES.has(definition.type)) {
      return db.transaction(async (trx) => {
        const retried = await this.runWithRetries(definition, step, attempt, trx)
        if (retried.retryAt) return this.parkForRetry(step, retried, startedAt)
        return this.settle(step, retried.attempt, startedAt, retried.result, trx)
      })
    }
    if (definition.sideEffects) {
      // Mark it in flight before the external effect: a crash re-runs it with the same key.
      this.buffered.push(this.stepRows.ofStep(step, attempt, 'running', { startedAt }))
      await this.flush(db.connection())
      const retried = await this.runWithRetries(definition, step, attempt)
      if (retried.retryAt) return this.parkForRetry(step, retried, startedAt)
      return this.settle(step, retried.attempt, startedAt, retried.result, undefined, true)
    }
    const retried = await this.runWithRetries(definition, step, attempt)
    if (retried.retryAt) return this.parkForRetry(step, retried, startedAt)
    return this.settle(step, retried.attempt, startedAt, retried.result)
  }

  /** Retry policy hook (reliability/step_retry.ts): short retries here, long ones parked. */
  private runWithRetries(
    definition: NodeDefinition,
    step: ReadyStep,
    attempt: number,
    trx?: TransactionClientContract
  ): Promise<RetriedResult> {
    return runWithRetries({
      workflowId: this.lease.workflowId,
      nodeConfig: step.node.config,
      attempt,
      run: (next) => this.runNode(definition, step, next, trx),
    })
  }

  /** The step failed and retries later: store it as waiting on a `retry` wait and park. */
  private parkForRetry(step: ReadyStep, retried: RetriedResult, startedAt: Date): 'parked' {
    const error = retried.result.ok ? null : retried.result.error.toJSON()
    this.buffered.push(this.stepRows.ofStep(step, retried.attempt, 'waiting', { startedAt, error }))
    this.waits.push({
      nodeId: step.nodeId,
      scopeKey: step.scopeKey,
      kind: RETRY_WAIT_KIND as WaitRequest['kind'],
      resumeAt: new Date(retried.retryAt!.at).toISOString(),
      payload: { attempt: retried.attempt, reason: retried.retryAt!.decision.reason, error },
    })
    return 'parked'
  }

  private runNode(
    definition: NodeDefinition,
    step: ReadyStep,
    attempt: number,
    trx?: TransactionClientContract
  ): Promise<RunNodeResult> {
    return runNode(definition, {
      input: step.input,
      rawConfig: step.node.config,
      expression: this.state.contextFor(step),
      tenantId: this.lease.tenantId,
      workflowId: this.lease.workflowId,
      executionId: this.lease.id,
      stepId: null,
      nodeId: step.nodeId,
      scopeKey: step.scopeKey,
      attempt,
      timeoutMs: nodeTimeoutMs(step.node.config),
      idempotencyKey: `${this.lease.id}:${step.nodeId}:${step.scopeKey}`,
      services: nodeServices({
        tenantId: this.lease.tenantId,
        executionId: this.lease.id,
        workflowId: this.lease.workflowId,
        nodeId: step.nodeId,
        trx,
      }),
    })
  }

  /**
   * Records a step's result in the interpreter and the buffer. With `trx` (a DB effect) or
   * `flushNow` (after an external effect) the buffer is written at once; when the step ended
   * the execution, the final transition is part of that same write.
   */
  private async settle(
    step: ReadyStep,
    attempt: number,
    startedAt: Date,
    result: RunNodeResult,
    trx?: TransactionClientContract,
    flushNow = false
  ): Promise<ReadyStep[] | 'parked'> {
    const finishedAt = new Date()
    const timing = { startedAt, finishedAt, durationMs: Math.round(result.durationMs) }
    let ready: ReadyStep[] | 'parked'
    if (result.ok && result.result.wait) {
      const { wait } = result.result
      this.buffered.push(
        this.stepRows.ofStep(step, attempt, 'waiting', {
          startedAt,
          output: result.result.output,
          port: portToColumn(result.result.port ?? null),
        })
      )
      this.waits.push({
        nodeId: step.nodeId,
        scopeKey: step.scopeKey,
        kind: wait.kind,
        resumeAt: wait.until ?? null,
        payload: wait.data ?? null,
      })
      ready = 'parked'
    } else {
      const advance = this.state.complete(
        step.nodeId,
        step.scopeKey,
        result.ok
          ? { status: 'succeeded', output: result.result.output, port: result.result.port }
          : { status: 'failed', error: result.error.toJSON() }
      )
      const record = advance.record
      this.buffered.push(
        this.stepRows.ofStep(step, attempt, record.status === 'failed' ? 'failed' : 'succeeded', {
          ...timing,
          output: record.output ?? null,
          port: portToColumn(record.port),
          error: record.error ?? null,
        })
      )
      for (const skipped of advance.skipped) {
        this.buffered.push(
          this.stepRows.skipped(skipped.nodeId, this.nodeTypeOf(skipped.nodeId), skipped.scopeKey)
        )
      }
      this.changes.push(
        stepChange('step.finished', {
          nodeId: step.nodeId,
          scopeKey: step.scopeKey,
          nodeType: step.type.type,
          status: record.status,
          port: record.port ?? null,
          durationMs: timing.durationMs,
          error: record.error ?? null,
          skipped: advance.skipped.map((s) => s.nodeId),
        })
      )
      ready = advance.ready
    }
    if (trx || flushNow) {
      const client = trx ?? db.connection()
      const done = ready !== 'parked' && ready.length === 0 && this.onlyParkedLeft()
      const outcome = this.state.outcome()
      if (done && outcome !== 'running' && this.waits.length === 0) {
        await this.flush(client, this.finalTransition(outcome))
        this.finished = outcome
      } else {
        await this.flush(client)
      }
    }
    return ready
  }

  private announceStart() {
    if (this.announced) return
    this.announced = true
    executionChanged('execution.started', this.ids, { versionNumber: this.versionNumber })
  }

  private onlyParkedLeft() {
    return this.state.ready().every((step) => step.previous?.status === 'waiting')
  }

  private nodeTypeOf(nodeId: string) {
    return this.compiled.nodes.get(nodeId)?.node.type ?? 'unknown'
  }

  private async flush(
    client: TransactionClientContract | ReturnType<typeof db.connection>,
    transition?: Transition
  ): Promise<void> {
    if (this.resumedWaitIds.length > 0 && !client.isTransaction) {
      // The waits this run resumed are marked in the same commit as the checkpoint that moves
      // past them (a reader never sees a finished execution with its wait still pending).
      return db.transaction((trx) => this.flush(trx, transition))
    }
    const steps = this.buffered
    this.buffered = []
    const acquire = !this.acquired
    const held = await checkpoint(client, {
      executionId: this.lease.id,
      owner: this.runner.owner,
      leaseMs: this.runner.leaseMs,
      steps,
      transition,
      acquire,
    })
    if (!held) {
      this.lost = true
      throw new LeaseLost()
    }
    if (acquire) {
      this.acquired = true
      if (client.isTransaction) {
        ;(client as TransactionClientContract).after('commit', () => this.announceStart())
      } else {
        this.announceStart()
      }
    }
    const changes = this.changes
    this.changes = []
    if (client.isTransaction) {
      ;(client as TransactionClientContract).after('commit', () =>
        stepsChanged(this.lease.id, changes)
      )
    } else {
      stepsChanged(this.lease.id, changes)
    }
    if (this.resumedWaitIds.length > 0) {
      await markWaitsResumed(client, this.resumedWaitIds)
      this.resumedWaitIds = []
    }
  }

  private finalTransition(outcome: 'succeeded' | 'failed'): Transition {
    if (outcome === 'failed') {
      const failure = this.state.failure()
      return {
        status: 'failed',
        error: { nodeId: failure?.nodeId, scopeKey: failure?.scopeKey, ...(failure?.error ?? {}) },
      }
    }
    return { status: 'succeeded', output: this.lastOutput() }
  }

  /** The execution's result: the output of the last settled top-level step that succeeded. */
  private lastOutput(): unknown {
    const records = this.state.records()
    for (let i = records.length - 1; i >= 0; i--) {
      const record = records[i]
      if (record.status === 'succeeded' && record.scopeKey === '') return record.output ?? null
    }
    return null
  }

  private async finish(outcome: 'succeeded' | 'failed'): Promise<RunOutcome> {
    const transition = this.finalTransition(outcome)
    if (this.finished === null) {
      await this.flush(db.connection(), transition)
    }
    if (outcome === 'failed') await onExecutionFailed(this.ids, transition.error)
    // Sub-workflows: a synchronous caller waiting for this execution is resumed.
    if (this.lease.triggerType === SUB_WORKFLOW_TRIGGER) {
      await onChildExecutionFinished(this.lease.id).catch(() => {})
    }
    executionChanged(`execution.${outcome}`, this.ids, {
      output: transition.output ?? null,
      error: transition.error ?? null,
    })
    return outcome
  }

  /** Only waiting steps are left: store the waits, release the worker, schedule the resume. */
  private async park(parked: ReadyStep[]): Promise<RunOutcome> {
    const waits = this.waits
    await db.transaction(async (trx) => {
      await this.flush(trx, { status: 'waiting' })
      await insertWaits(trx, this.lease.tenantId, this.lease.id, waits)
      await onWaitsStored(trx, this.ids, waits)
    })
    const stored = waits.length > 0 ? waits : []
    const resumeTimes = stored
      .map((wait) => (wait.resumeAt ? Date.parse(wait.resumeAt) : Number.NaN))
      .filter((time) => Number.isFinite(time))
    // Earlier waits of parked steps already have their delayed job; only schedule new ones.
    for (const time of new Set(resumeTimes)) {
      await enqueueExecution(this.lease.id, this.lease.priority, time)
    }
    executionChanged('execution.waiting', this.ids, {
      waiting: parked.map((step) => step.nodeId).concat(waits.map((wait) => wait.nodeId)),
    })
    return 'waiting'
  }

  /** Graceful shutdown: checkpoint what ran and give the execution back to the queue. */
  private async release(): Promise<RunOutcome> {
    if (this.acquired) {
      await this.flush(db.connection())
      await releaseLease(this.lease.id, this.runner.owner)
    }
    await enqueueExecution(this.lease.id, this.lease.priority, undefined, `r${Date.now()}`)
    return 'released'
  }
}
