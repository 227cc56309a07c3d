/**
 * The builder benchmark's workflow: one trigger followed by a chain of 7-node blocks, laid out
 * left to right in rows like a long real flow. Blocks rotate through three shapes so the canvas
 * sees the real mix of node types, multi-output nodes (labelled ports), error wires and loops:
 *
 *   branch  prepare → condition ─true→ notify → update lead ─┐
 *                              └false→ http call → delay ────┴→ next block
 *                                      http call ─error→ alert
 *   route   prepare → switch ─case_1→ create task → notify ──┐
 *                           └case_2→ approval ─approved→ update deal ─┴→ next block
 *                                    approval ─rejected→ notify
 *   loop    prepare → loop ─body→ http call → set item ─next→ loop
 *                         └done→ wait for payment ─received→ delay ─┐
 *                                 wait ─timed_out→ notify ──────────┴→ next block
 *
 * Pure data: the benchmark checks it with the engine's `validateGraph` before using it.
 */
import type { GraphEdge, GraphNode, WorkflowGraph } from '#workflows/engine/graph'

const COLUMN = 280
const BLOCK_WIDTH = 4 * COLUMN
const ROW_HEIGHT = 560
const BLOCKS_PER_ROW = 6

type Shape = 'branch' | 'route' | 'loop'
const SHAPES: Shape[] = ['branch', 'route', 'loop']

interface Block {
  nodes: GraphNode[]
  edges: GraphEdge[]
  /** Where the block starts and the nodes whose main output feeds the next block. */
  entry: string
  exits: Array<{ node: string; port: string }>
}

function makeBlock(index: number, origin: { x: number; y: number }): Block {
  const nodes: GraphNode[] = []
  const edges: GraphEdge[] = []
  const id = (name: string) => `b${index}_${name}`
  const add = (name: string, type: string, label: string, col: number, row: number, config = {}) =>
    nodes.push({
      id: id(name),
      type,
      name: `${label} ${index + 1}`,
      config,
      position: { x: origin.x + col * COLUMN, y: origin.y + row * 140 },
    })
  const wire = (from: string, port: string, to: string, toPort = 'in') =>
    edges.push({
      id: `${id(from)}-${port}-${id(to)}`,
      source: id(from),
      sourcePort: port,
      target: id(to),
      targetPort: toPort,
    })
  const amount = 100 * (index + 1)

  add('prepare', 'set_variables', 'Prepare', 0, 1, {
    variables: { amount: '{{trigger.entity.amount}}', step: `${index + 1}` },
  })
  const shape = SHAPES[index % SHAPES.length]
  if (shape === 'branch') {
    add('check', 'condition', 'Large amount?', 1, 1, {
      conditions: {
        combinator: 'all',
        rules: [{ field: 'vars.amount', operator: 'gt', value: amount }],
      },
    })
    add('notify', 'notification', 'Tell finance', 2, 0, {
      recipients: { userIds: [], roles: ['admin'] },
      title: `Invoice {{trigger.entity.number}} over ${amount}`,
      body: 'Amount {{vars.amount}}',
      severity: 'warning',
    })
    add('update', 'update_entity', 'Score lead', 3, 0, {
      entity: 'lead',
      id: '{{trigger.entityId}}',
      data: { score: '{{vars.amount}}' },
    })
    add('call', 'http_request', 'Sync ERP', 2, 2, {
      method: 'POST',
      url: 'https://erp.example.com/api/invoices',
      query: {},
      headers: {},
      bodyType: 'json',
      body: { amount: '{{vars.amount}}' },
      auth: { type: 'none' },
      timeoutSeconds: 30,
      failOnErrorStatus: true,
    })
    add('wait', 'delay', 'Cool down', 3, 2, { mode: 'duration', duration: '15m' })
    add('alert', 'notification', 'ERP sync failed', 3, 3, {
      recipients: { userIds: [], roles: ['owner'] },
      title: 'ERP sync failed for {{trigger.entity.number}}',
      body: '',
      severity: 'error',
    })
    wire('prepare', 'out', 'check')
    wire('check', 'true', 'notify')
    wire('notify', 'out', 'update')
    wire('check', 'false', 'call')
    wire('call', 'out', 'wait')
    wire('call', 'error', 'alert')
    return { nodes, edges, entry: id('prepare'), exits: exits(id, ['update', 'wait']) }
  }
  if (shape === 'route') {
    add('route', 'switch', 'Route by region', 1, 1, {
      field: 'trigger.entity.region',
      mode: 'first',
      cases: [
        { id: 'case_1', label: 'Europe', value: 'eu' },
        { id: 'case_2', label: 'Americas', value: 'us' },
      ],
    })
    add('task', 'create_entity', 'Create task', 2, 0, {
      entity: 'lead',
      data: { name: 'Follow up {{trigger.entity.number}}', source: 'website' },
    })
    add('notify', 'notification', 'Tell sales', 3, 0, {
      recipients: { userIds: [], roles: ['builder'] },
      title: 'New follow-up for {{trigger.entity.number}}',
      body: '',
      severity: 'info',
    })
    add('approve', 'approval', 'Manager approval', 2, 2, {
      title: `Approve invoice over ${amount}`,
      approvers: { userIds: [], roles: ['approver'] },
      mode: 'any',
      quorum: 1,
      form: [],
    })
    add('update', 'update_entity', 'Mark approved', 3, 2, {
      entity: 'lead',
      id: '{{trigger.entityId}}',
      data: { status: 'qualified' },
    })
    add('reject', 'notification', 'Tell requester', 3, 3, {
      recipients: { userIds: [], roles: ['admin'] },
      title: 'Rejected: {{trigger.entity.number}}',
      body: '',
      severity: 'warning',
    })
    wire('prepare', 'out', 'route')
    wire('route', 'case_1', 'task')
    wire('task', 'out', 'notify')
    wire('route', 'case_2', 'approve')
    wire('approve', 'approved', 'update')
    wire('approve', 'rejected', 'reject')
    return { nodes, edges, entry: id('prepare'), exits: exits(id, ['notify', 'update']) }
  }
  add('each', 'loop', 'For each line', 1, 1, {
    items: '{{trigger.entity.lines}}',
    maxIterations: 500,
  })
  add('call', 'http_request', 'Price line', 2, 0, {
    method: 'GET',
    url: 'https://prices.example.com/items/{{item.sku}}',
    query: {},
    headers: {},
    bodyType: 'json',
    body: {},
    auth: { type: 'none' },
    timeoutSeconds: 10,
    failOnErrorStatus: true,
  })
  add('keep', 'set_variables', 'Keep price', 3, 0, { variables: { price: '{{steps.call.body}}' } })
  add('await', 'wait_for_event', 'Wait for payment', 2, 2, {
    event: 'payment.received',
    matchField: 'entity.invoiceId',
    matchValue: '{{trigger.entityId}}',
    timeout: '7d',
  })
  add('wait', 'delay', 'Grace period', 3, 2, { mode: 'duration', duration: '1h' })
  add('late', 'notification', 'Payment late', 3, 3, {
    recipients: { userIds: [], roles: ['owner'] },
    title: 'No payment for {{trigger.entity.number}}',
    body: '',
    severity: 'warning',
  })
  wire('prepare', 'out', 'each')
  wire('each', 'body', 'call')
  wire('call', 'out', 'keep')
  wire('keep', 'out', 'each', 'next')
  wire('each', 'done', 'await')
  wire('await', 'received', 'wait')
  wire('await', 'timed_out', 'late')
  return { nodes, edges, entry: id('prepare'), exits: exits(id, ['wait', 'late']) }
}

function exits(id: (name: string) => string, names: string[]) {
  return names.map((name) => ({ node: id(name), port: 'out' }))
}

/** A workflow of exactly `count` nodes (an entity-event trigger, then blocks, then a tail). */
export function largeWorkflow(count = 500): WorkflowGraph {
  const nodes: GraphNode[] = [
    {
      id: 'trigger',
      type: 'entity_event',
      name: 'Invoice created',
      config: { event: 'invoice.created', filter: { combinator: 'all', rules: [] } },
      position: { x: 0, y: 140 },
    },
  ]
  const edges: GraphEdge[] = []
  let previous = [{ node: 'trigger', port: 'out' }]
  let index = 0
  const originOf = (i: number) => ({
    x: COLUMN + (i % BLOCKS_PER_ROW) * BLOCK_WIDTH,
    y: Math.floor(i / BLOCKS_PER_ROW) * ROW_HEIGHT,
  })
  while (nodes.length + 7 <= count) {
    const block = makeBlock(index, originOf(index))
    nodes.push(...block.nodes)
    edges.push(...block.edges)
    for (const from of previous) {
      edges.push({
        id: `${from.node}-${from.port}-${block.entry}`,
        source: from.node,
        sourcePort: from.port,
        target: block.entry,
        targetPort: 'in',
      })
    }
    previous = block.exits
    index++
  }
  // The remainder: a short chain of notifications after the last block.
  const origin = originOf(index)
  for (let i = 0; nodes.length < count; i++) {
    const id = `tail_${i}`
    nodes.push({
      id,
      type: 'notification',
      name: `Wrap up ${i + 1}`,
      config: {
        recipients: { userIds: [], roles: ['admin'] },
        title: `Invoice {{trigger.entity.number}} done (${i + 1})`,
        body: '',
        severity: 'info',
      },
      position: { x: origin.x + i * COLUMN, y: origin.y + 140 },
    })
    for (const from of previous) {
      edges.push({
        id: `${from.node}-${from.port}-${id}`,
        source: from.node,
        sourcePort: from.port,
        target: id,
        targetPort: 'in',
      })
    }
    previous = [{ node: id, port: 'out' }]
  }
  return { nodes, edges, variables: {} }
}
