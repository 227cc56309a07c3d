/**
 * The execution queue on Redis (bee-queue). A job carries only the execution id: the database row
 * is the truth, the job is a wake-up call. Priorities are separate queues (bee-queue has none);
 * the worker serves `high` first when it has to choose (see runtime/worker.ts).
 *
 * Job ids are deterministic (`e<executionId>`), so enqueueing an execution whose job is still
 * waiting or active is a no-op: the sweeper can re-enqueue blindly. Delayed resumes use
 * `e<executionId>@<resumeAtMs>` so they never collide with the immediate job.
 */
import BeeQueue from 'bee-queue'
import env from '#start/env'
import type { Priority } from '#workflows/models/workflow'

export const QUEUE_PRIORITIES: Priority[] = ['high', 'normal', 'low']

export interface ExecutionJob {
  executionId: number
}

function redisOptions() {
  return {
    host: env.get('REDIS_HOST'),
    port: env.get('REDIS_PORT'),
    password: env.get('REDIS_PASSWORD') || undefined,
    db: env.get('REDIS_DB', 0),
  }
}

export function queueName(priority: Priority) {
  return `workflow-executions-${priority}`
}

export function createQueue(priority: Priority, role: 'producer' | 'worker') {
  const worker = role === 'worker'
  return new BeeQueue<ExecutionJob>(queueName(priority), {
    prefix: 'bq',
    redis: redisOptions() as any,
    isWorker: worker,
    getEvents: false,
    sendEvents: false,
    storeJobs: false,
    activateDelayedJobs: worker,
    removeOnSuccess: true,
    removeOnFailure: true,
    stallInterval: worker ? undefined : 5000,
  })
}

let producers: Map<Priority, BeeQueue<ExecutionJob>> | null = null

function producer(priority: Priority) {
  producers ??= new Map()
  let queue = producers.get(priority)
  if (!queue) {
    queue = createQueue(priority, 'producer')
    queue.on('error', () => {})
    producers.set(priority, queue)
  }
  return queue
}

export function jobIdFor(executionId: number, resumeAt?: number, tag?: string) {
  if (resumeAt) return `e${executionId}@${resumeAt}`
  return tag ? `e${executionId}:${tag}` : `e${executionId}`
}

/**
 * Wakes a worker for the execution now, or at `resumeAt` (ms since epoch) for a delay. `tag`
 * gives a distinct job id when the execution's own job may still be active (a worker releasing
 * it on shutdown): the lease keeps duplicate wake-ups harmless.
 */
export async function enqueueExecution(
  executionId: number,
  priority: Priority = 'normal',
  resumeAt?: number,
  tag?: string
) {
  const job = producer(priority)
    .createJob({ executionId })
    .setId(jobIdFor(executionId, resumeAt, tag))
  if (resumeAt && resumeAt > Date.now()) job.delayUntil(resumeAt)
  await job.save()
}

/** Enqueues many executions with one Redis round trip per priority. */
export async function enqueueMany(items: Array<{ executionId: number; priority: Priority }>) {
  const byPriority = new Map<Priority, BeeQueue.Job<ExecutionJob>[]>()
  for (const item of items) {
    const queue = producer(item.priority)
    const jobs = byPriority.get(item.priority) ?? []
    jobs.push(queue.createJob({ executionId: item.executionId }).setId(jobIdFor(item.executionId)))
    byPriority.set(item.priority, jobs)
  }
  for (const [priority, jobs] of byPriority) await producer(priority).saveAll(jobs)
}

export async function closeProducers() {
  if (!producers) return
  const queues = [...producers.values()]
  producers = null
  await Promise.all(queues.map((queue) => queue.close(1000).catch(() => {})))
}
