import { test } from '@japa/runner'
import type { GraphView } from '#workflows/monitoring/view_types'
import {
  branchLabels,
  formatDuration,
  nodeStates,
  scopeLabel,
  takenEdges,
  timelineRows,
  type RunStep,
} from '#workflows/monitoring/run_state'

const node = (id: string, type = 'set_variables') => ({
  id,
  type,
  name: id.toUpperCase(),
  config: {},
  position: { x: 0, y: 0 },
})
const edge = (id: string, source: string, sourcePort: string, target: string) => ({
  id,
  source,
  sourcePort,
  target,
  targetPort: 'in',
})

/** trigger → cond (true → yes, false → no); yes → loop (body → item) */
const GRAPH: GraphView = {
  nodes: [
    node('trigger', 'manual'),
    node('cond', 'condition'),
    node('yes'),
    node('no'),
    node('item'),
  ],
  edges: [
    edge('e1', 'trigger', 'out', 'cond'),
    edge('e2', 'cond', 'true', 'yes'),
    edge('e3', 'cond', 'false', 'no'),
    edge('e4', 'yes', 'body', 'item'),
  ],
}

let nextId = 1
function step(nodeId: string, status: string, extra: Partial<RunStep> = {}): RunStep {
  const id = nextId++
  return {
    id,
    nodeId,
    nodeType: 'x',
    scopeKey: '',
    status,
    attempt: 1,
    seq: id,
    port: null,
    startedAt: null,
    finishedAt: null,
    durationMs: 10,
    errorCategory: null,
    errorMessage: null,
    ...extra,
  }
}

test.group('Monitor run state', () => {
  test('node states: running wins over finished scopes; unreached nodes depend on the execution', ({
    assert,
  }) => {
    const steps = [
      step('trigger', 'succeeded'),
      step('cond', 'succeeded', { port: 'true' }),
      step('yes', 'succeeded'),
      step('item', 'succeeded', { scopeKey: 'yes:0' }),
      step('item', 'succeeded', { scopeKey: 'yes:1' }),
      step('item', 'running', { scopeKey: 'yes:2', attempt: 2 }),
    ]
    const running = nodeStates(GRAPH, steps, 'running')
    assert.equal(running.get('item')!.status, 'running')
    assert.equal(running.get('item')!.iterations, 3)
    assert.equal(running.get('item')!.attempts, 2)
    assert.equal(running.get('no')!.status, 'pending')
    assert.equal(running.get('trigger')!.iterations, 0)

    const done = nodeStates(GRAPH, steps.slice(0, 5), 'succeeded')
    assert.equal(done.get('no')!.status, 'skipped')
    assert.equal(done.get('item')!.status, 'succeeded')
    assert.equal(done.get('item')!.totalMs, 20)
  })

  test('taken edges follow the selected ports and error ports', ({ assert }) => {
    const steps = [
      step('trigger', 'succeeded'),
      step('cond', 'succeeded', { port: 'true' }),
      step('yes', 'succeeded'),
    ]
    assert.deepEqual([...takenEdges(GRAPH, steps)].sort(), ['e1', 'e2'])

    const withError: GraphView = {
      nodes: [node('a'), node('b'), node('fallback')],
      edges: [edge('ok', 'a', 'out', 'b'), edge('err', 'a', 'error', 'fallback')],
    }
    const failed = [step('a', 'failed'), step('fallback', 'succeeded')]
    assert.deepEqual([...takenEdges(withError, failed)], ['err'])
    const multi = [
      step('cond', 'succeeded', { port: '["true","false"]' }),
      step('yes', 'running'),
      step('no', 'running'),
    ]
    assert.deepEqual([...takenEdges(GRAPH, multi)].sort(), ['e2', 'e3'])
  })

  test('timeline rows: offsets from the execution start, nesting depth and scope labels', ({
    assert,
  }) => {
    const start = Date.parse('2026-11-29T10:00:00.000Z')
    const at = (ms: number) => new Date(start + ms).toISOString()
    const steps = [
      step('yes', 'succeeded', { startedAt: at(50), durationMs: 100 }),
      step('trigger', 'succeeded', { startedAt: at(0), durationMs: 20 }),
      step('item', 'running', { startedAt: at(200), durationMs: null, scopeKey: 'yes:0/inner:4' }),
    ]
    const { rows, totalMs } = timelineRows(GRAPH, steps, at(0), start + 500)
    assert.deepEqual(
      rows.map((r) => [r.step.nodeId, r.offsetMs, r.durationMs, r.depth]),
      [
        ['trigger', 0, 20, 0],
        ['yes', 50, 100, 0],
        ['item', 200, 300, 2],
      ]
    )
    assert.equal(totalMs, 500)
    assert.equal(rows[2].scopeLabel, 'YES #1 › inner #5')
  })

  test('scope labels and durations read well', ({ assert }) => {
    assert.equal(scopeLabel('', new Map()), '')
    assert.equal(scopeLabel('loop:0', new Map([['loop', 'Each invoice']])), 'Each invoice #1')
    assert.equal(formatDuration(75), '75 ms')
    assert.equal(formatDuration(1234), '1.23 s')
    assert.equal(formatDuration(125_000), '2 min 5 s')
    assert.equal(formatDuration(null), '—')
  })

  test('branch labels: try/catch and parallel branches, nested, none after a join', ({
    assert,
  }) => {
    const graph: GraphView = {
      nodes: [
        node('start', 'manual'),
        { ...node('safe', 'try_catch'), name: 'Safe call' },
        node('call'),
        { ...node('fan', 'parallel'), name: 'Fan out' },
        node('a'),
        node('b'),
        node('join'),
        node('recover'),
      ],
      edges: [
        edge('e1', 'start', 'out', 'safe'),
        edge('e2', 'safe', 'try', 'call'),
        edge('e3', 'call', 'out', 'fan'),
        edge('e4', 'fan', 'branch_1', 'a'),
        edge('e5', 'fan', 'branch_2', 'b'),
        edge('e6', 'a', 'out', 'join'),
        edge('e7', 'b', 'out', 'join'),
        edge('e8', 'safe', 'catch', 'recover'),
      ],
    }
    const meta = {
      safe: {
        label: 'Try',
        icon: '',
        inputs: [],
        outputs: [
          { id: 'try', label: 'Try', kind: 'main' },
          { id: 'catch', label: 'Catch', kind: 'main' },
        ],
      },
      fan: {
        label: 'Parallel',
        icon: '',
        inputs: [],
        outputs: [
          { id: 'branch_1', label: 'Branch 1', kind: 'main' },
          { id: 'branch_2', label: 'Branch 2', kind: 'main' },
        ],
      },
    }
    const labels = branchLabels(graph, meta)
    assert.deepEqual(labels.get('call'), ['Safe call › Try'])
    assert.deepEqual(labels.get('a'), ['Safe call › Try', 'Fan out › Branch 1'])
    assert.deepEqual(labels.get('join'), ['Safe call › Try'])
    assert.deepEqual(labels.get('recover'), ['Safe call › Catch'])
    assert.isUndefined(labels.get('start'))

    const { rows } = timelineRows(graph, [step('b', 'succeeded')], null, 0, meta)
    assert.equal(rows[0].scopeLabel, 'Safe call › Try › Fan out › Branch 2')
    assert.equal(rows[0].depth, 2)
  })
})
