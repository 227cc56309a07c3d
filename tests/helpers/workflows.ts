/**
 * Helpers for workflow runtime tests: graph builders over the real node registry, publishing,
 * an in-process worker, bounded polling, and state reset (database, Redis queues, caches).
 */
import redis from '@adonisjs/redis/services/main'
import type { GraphEdge, GraphNode, WorkflowGraph } from '#workflows/engine/graph'
import { nodeRegistry } from '#workflows/nodes/registry'
import Execution, { type ExecutionStatus } from '#workflows/models/execution'
import type Workflow from '#workflows/models/workflow'
import { workflowService } from '#workflows/services/workflow_service'
import { WorkflowWorker } from '#workflows/runtime/worker'
import { clearVersionCache } from '#workflows/runtime/version_cache'
import { triggerIndex } from '#workflows/triggers/trigger_index'
import { closeProducers } from '#workflows/runtime/queue'
import { truncateAll } from '#tests/helpers/db'

export function node(id: string, type: string, config: Record<string, unknown> = {}): GraphNode {
  const defaults = nodeRegistry.getOrFail(type).defaults as Record<string, unknown>
  return { id, type, name: id, config: { ...defaults, ...config }, position: { x: 0, y: 0 } }
}

let edges = 0
export function edge(source: string, sourcePort: string, target: string, targetPort = 'in') {
  return { id: `e${++edges}`, source, sourcePort, target, targetPort } satisfies GraphEdge
}

/** Nodes connected in a chain through their `out` port. */
export function chain(...nodes: GraphNode[]): WorkflowGraph {
  const list: GraphEdge[] = []
  for (let i = 1; i < nodes.length; i++) list.push(edge(nodes[i - 1].id, 'out', nodes[i].id))
  return { nodes, edges: list, variables: {} }
}

export const WEBHOOK_TOKEN = 'test-token-0123456789abcdef'

export async function publishedWorkflow(
  tenantId: number,
  ownerId: number | null,
  graph: WorkflowGraph,
  name = 'Test workflow'
): Promise<Workflow> {
  const workflow = await workflowService.create(tenantId, ownerId, { name, graph })
  await workflowService.publish(workflow, ownerId, 'test')
  return workflow
}

/** Polls the execution until its status is one of `statuses` (bounded, no fixed sleeps). */
export async function waitForStatus(
  executionId: number,
  statuses: ExecutionStatus[],
  timeoutMs = 15_000
): Promise<Execution> {
  const deadline = Date.now() + timeoutMs
  let execution: Execution | null = null
  while (Date.now() < deadline) {
    execution = await Execution.find(executionId)
    if (execution && statuses.includes(execution.status)) return execution
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(
    `execution ${executionId} is ${execution?.status ?? 'missing'}, expected ${statuses.join('/')}`
  )
}

/** Polls `probe` until it returns a truthy value (bounded). */
export async function eventually<T>(
  probe: () => Promise<T>,
  what: string,
  timeoutMs = 15_000
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const value = await probe()
    if (value) return value as NonNullable<T>
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`timed out waiting for ${what}`)
}

export async function startWorker(options: ConstructorParameters<typeof WorkflowWorker>[0] = {}) {
  const worker = new WorkflowWorker({ concurrency: 4, leaseMs: 5000, ...options })
  await worker.start()
  return worker
}

/** Empty database, queues and caches: each test starts from nothing. */
export async function resetWorkflowState() {
  await truncateAll()
  await redis.flushdb()
  triggerIndex.clear()
  clearVersionCache()
}

/** Closes the queue connections a test file opened (call from `group.teardown`). */
export async function closeWorkflowConnections() {
  await closeProducers()
}

export interface AceChild {
  child: import('node:child_process').ChildProcess
  output: () => string
  ready: Promise<void>
  exited: Promise<number | null>
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/**
 * Spawns `node ace <args>` (a real worker or scheduler process) with the test's environment
 * plus `env`; `ready` resolves when it prints `readyMarker`.
 */
export async function spawnAce(
  args: string[],
  readyMarker: string,
  env: Record<string, string> = {}
): Promise<AceChild> {
  const { spawn } = await import('node:child_process')
  const { default: app } = await import('@adonisjs/core/services/app')
  const child = spawn(process.execPath, ['ace.js', ...args], {
    cwd: app.makePath(),
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code))
  )
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes(readyMarker)) resolve()
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    exited.then((code) => reject(new Error(`ace ${args.join(' ')} exited (${code}): ${output}`)))
  })
  ready.catch(() => {})
  return {
    child,
    output: () => output,
    ready,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}
