/**
 * The benchmark's tenant and workflows: the 5-node workflow of issue 4 (trigger → set variables
 * → condition → notification | entity update), with a webhook trigger (throughput) or an entity
 * event trigger (latency). Issue 5 asks for the figures "with retries and breakers in the path":
 * every workflow has a default retry policy and its side-effecting nodes their own policy and
 * timeout, and the HTTP variant replaces the notification by an HTTP call, which goes through
 * the tenant's circuit breaker for the host (state in Redis, read and written on every call).
 */
import { randomUUID } from 'node:crypto'
import type { GraphNode, WorkflowGraph } from '#workflows/engine/graph'
import { nodeRegistry } from '#workflows/nodes/registry'
import Tenant from '#core/models/tenant'
import User from '#core/models/user'
import Membership from '#core/models/membership'
import { entityRegistry } from '#core/entities/registry'
import { workflowService } from '#workflows/services/workflow_service'
import { saveWorkflowReliability } from '#workflows/reliability/workflow_settings'

/** The retry policy every bench workflow runs with (node level; the workflow default is alike). */
const RETRY = {
  maxAttempts: 3,
  backoff: 'exponential',
  delayMs: 100,
  maxDelayMs: 1_000,
  jitter: 0.2,
  categories: ['transient', 'timeout', 'rate_limited'],
}
const EFFECT_RELIABILITY = { retry: RETRY, timeoutMs: 10_000 }

function node(id: string, type: string, config: Record<string, unknown>, x: number): GraphNode {
  const defaults = nodeRegistry.getOrFail(type).defaults as Record<string, unknown>
  return { id, type, name: id, config: { ...defaults, ...config }, position: { x, y: 0 } }
}

/** The notification branch's node, or (`httpUrl`) an HTTP POST of the order to that URL. */
function bigOrderAction(httpUrl?: string): GraphNode {
  if (!httpUrl) {
    return node(
      'notify',
      'notification',
      {
        recipients: { roles: ['owner'] },
        title: 'Big order {{vars.amount}}',
        ...EFFECT_RELIABILITY,
      },
      600
    )
  }
  return node(
    'notify',
    'http_request',
    {
      method: 'POST',
      url: httpUrl,
      bodyType: 'json',
      body: { amount: '{{vars.amount}}' },
      timeoutSeconds: 5,
      ...EFFECT_RELIABILITY,
    },
    600
  )
}

/**
 * `source`: where the trigger output carries the order (`body` for webhooks, `entity` for events).
 * `httpUrl`: the HTTP variant (see the header).
 */
export function benchGraph(
  trigger: GraphNode,
  source: 'body' | 'entity',
  httpUrl?: string
): WorkflowGraph {
  return {
    nodes: [
      trigger,
      node(
        'prepare',
        'set_variables',
        { variables: { amount: `{{trigger.${source}.amount}}` } },
        200
      ),
      node(
        'big',
        'condition',
        {
          conditions: {
            combinator: 'all',
            rules: [{ field: 'vars.amount', operator: 'gt', value: 50 }],
          },
        },
        400
      ),
      bigOrderAction(httpUrl),
      node(
        'touch',
        'update_entity',
        {
          entity: 'lead',
          id: `{{trigger.${source}.leadId}}`,
          data: { score: '{{vars.amount}}' },
          ...EFFECT_RELIABILITY,
        },
        600
      ),
    ],
    edges: [
      { id: 'e1', source: trigger.id, sourcePort: 'out', target: 'prepare', targetPort: 'in' },
      { id: 'e2', source: 'prepare', sourcePort: 'out', target: 'big', targetPort: 'in' },
      { id: 'e3', source: 'big', sourcePort: 'true', target: 'notify', targetPort: 'in' },
      { id: 'e4', source: 'big', sourcePort: 'false', target: 'touch', targetPort: 'in' },
    ],
    variables: {},
  }
}

export async function createBenchTenant() {
  const suffix = randomUUID().slice(0, 8)
  const tenant = await Tenant.create({
    name: `Bench ${suffix}`,
    slug: `bench-${suffix}`,
    timezone: 'UTC',
    currency: 'USD',
  })
  const user = await User.create({
    email: `bench-${suffix}@bench.test`,
    fullName: 'Bench owner',
    password: randomUUID(),
    timezone: 'UTC',
    theme: 'light',
    currentTenantId: tenant.id,
  })
  await Membership.create({ tenantId: tenant.id, userId: user.id, role: 'owner' })
  const leads: number[] = []
  // Enough leads that concurrent updates rarely wait on the same row lock.
  for (let i = 0; i < 200; i++) {
    const lead = await entityRegistry
      .get('lead')
      .operations.create(tenant.id, { name: `Bench lead ${i}`, source: 'website' }, {})
    leads.push(Number(lead.id))
  }
  return { tenant, user, leads }
}

export async function publishBenchWorkflow(
  tenantId: number,
  userId: number,
  name: string,
  graph: WorkflowGraph
) {
  const workflow = await workflowService.create(tenantId, userId, { name, graph })
  await saveWorkflowReliability(tenantId, workflow.id, { retry: RETRY })
  const version = await workflowService.publish(workflow, userId, 'bench')
  return { workflow, version }
}

export const webhookTrigger = () =>
  node('hook', 'webhook', { token: `bench-token-${randomUUID()}`, respondMode: 'accepted' }, 0)

export const eventTrigger = () => node('hook', 'entity_event', { event: 'invoice.created' }, 0)
