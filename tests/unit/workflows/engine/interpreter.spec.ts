import { test } from '@japa/runner'
import { compileWorkflow, type StepOutcome, type StepRecord } from '#workflows/engine/interpreter'
import { evaluateConditions, type ConditionGroup } from '#workflows/engine/conditions'
import { drive, edge, graph, node, types, type Executor } from './graph_fixtures.js'

const gt = (field: string, value: number): ConditionGroup => ({
  combinator: 'all',
  rules: [{ field, operator: 'gt', value }],
})

/** Runs conditions/switch/loop like their nodes would; everything else echoes its input. */
const semantic: Executor = (step, context) => {
  if (step.type.type === 'condition') {
    const result = evaluateConditions(step.node.config.conditions as ConditionGroup, context)
    return { status: 'succeeded', output: { result }, port: result ? 'true' : 'false' }
  }
  if (step.type.type === 'loop') {
    const items = (context.trigger as { items?: unknown[] } | null)?.items ?? []
    return { status: 'succeeded', output: { items, count: items?.length } }
  }
  if (step.type.type === 'trigger' || step.type.category === 'trigger') {
    return { status: 'succeeded', output: step.input }
  }
  return { status: 'succeeded', output: { from: step.nodeId, loop: context.loop ?? null } }
}

test.group('Interpreter: branching', () => {
  test('condition routes to the true branch and skips the false one', ({ assert }) => {
    const g = graph(
      [
        node('t', 'manual'),
        node('c', 'condition', { conditions: gt('trigger.amount', 100) }),
        node('yes', 'set_variables'),
        node('no', 'set_variables'),
      ],
      [edge('t', 'out', 'c'), edge('c', 'true', 'yes'), edge('c', 'false', 'no')]
    )
    const big = drive(g, { amount: 500 }, semantic)
    assert.deepEqual(big.executed, ['t@', 'c@', 'yes@'])
    assert.deepEqual(big.skipped, ['no@'])
    assert.equal(big.state.outcome(), 'succeeded')
    const small = drive(g, { amount: 5 }, semantic)
    assert.deepEqual(small.executed, ['t@', 'c@', 'no@'])
    assert.deepEqual(small.skipped, ['yes@'])
  })

  test('switch routes to the matched case, else to default', ({ assert }) => {
    const g = graph(
      [
        node('t', 'manual'),
        node('s', 'switch', {
          cases: [
            { id: 'high', label: 'High' },
            { id: 'low', label: 'Low' },
          ],
        }),
        node('h', 'set_variables'),
        node('l', 'set_variables'),
        node('d', 'set_variables'),
      ],
      [
        edge('t', 'out', 's'),
        edge('s', 'high', 'h'),
        edge('s', 'low', 'l'),
        edge('s', 'default', 'd'),
      ]
    )
    const pick =
      (port: string): Executor =>
      (step) =>
        step.nodeId === 's'
          ? { status: 'succeeded', output: {}, port }
          : { status: 'succeeded', output: step.nodeId }
    assert.deepEqual(drive(g, {}, pick('low')).executed, ['t@', 's@', 'l@'])
    const fallback = drive(g, {}, pick('default'))
    assert.deepEqual(fallback.executed, ['t@', 's@', 'd@'])
    assert.sameMembers(fallback.skipped, ['h@', 'l@'])
  })

  test('skips propagate through chains so a later merge still runs', ({ assert }) => {
    const g = graph(
      [
        node('t', 'manual'),
        node('c', 'condition', { conditions: gt('trigger.amount', 100) }),
        node('a1', 'set_variables'),
        node('a2', 'set_variables'),
        node('b1', 'set_variables'),
        node('m', 'set_variables'),
      ],
      [
        edge('t', 'out', 'c'),
        edge('c', 'true', 'a1'),
        edge('a1', 'out', 'a2'),
        edge('c', 'false', 'b1'),
        edge('a2', 'out', 'm'),
        edge('b1', 'out', 'm'),
      ]
    )
    const run = drive(g, { amount: 1 }, semantic)
    assert.deepEqual(run.executed, ['t@', 'c@', 'b1@', 'm@'])
    assert.sameMembers(run.skipped, ['a1@', 'a2@'])
    assert.equal(run.state.outcome(), 'succeeded')
  })

  test('a node after only-skipped branches is skipped too, and the execution still ends', ({
    assert,
  }) => {
    const g = graph(
      [
        node('t', 'manual'),
        node('c', 'condition', { conditions: gt('trigger.amount', 100) }),
        node('a', 'set_variables'),
        node('after', 'set_variables'),
      ],
      [edge('t', 'out', 'c'), edge('c', 'true', 'a'), edge('a', 'out', 'after')]
    )
    const run = drive(g, { amount: 1 }, semantic)
    assert.deepEqual(run.skipped, ['a@', 'after@'])
    assert.equal(run.state.outcome(), 'succeeded')
  })
})

test.group('Interpreter: parallel and join', () => {
  test('fans out to every branch and joins once all have finished', ({ assert }) => {
    const g = graph(
      [
        node('t', 'manual'),
        node('p', 'parallel'),
        node('a', 'set_variables'),
        node('b1', 'set_variables'),
        node('b2', 'set_variables'),
        node('j', 'set_variables'),
      ],
      [
        edge('t', 'out', 'p'),
        edge('p', 'branch_1', 'a'),
        edge('p', 'branch_2', 'b1'),
        edge('b1', 'out', 'b2'),
        edge('a', 'out', 'j'),
        edge('b2', 'out', 'j'),
      ]
    )
    const state = compileWorkflow(g, types).start({ input: {} })
    state.complete('t', '', { status: 'succeeded', output: {} })
    const fanned = state.complete('p', '', { status: 'succeeded', output: { x: 1 } })
    assert.sameMembers(
      fanned.ready.map((s) => s.nodeId),
      ['a', 'b1']
    )
    assert.deepEqual(
      state.complete('a', '', { status: 'succeeded', output: 'A' }).ready,
      [],
      'join waits for the other branch'
    )
    assert.deepEqual(
      state.complete('b1', '', { status: 'succeeded', output: 'B1' }).ready.map((s) => s.nodeId),
      ['b2']
    )
    const joined = state.complete('b2', '', { status: 'succeeded', output: 'B2' })
    assert.deepEqual(
      joined.ready.map((s) => [s.nodeId, s.input]),
      [['j', { a: 'A', b2: 'B2' }]]
    )
    state.complete('j', '', { status: 'succeeded', output: null })
    assert.equal(state.outcome(), 'succeeded')
  })
})

test.group('Interpreter: errors', () => {
  test('an unhandled failure fails the execution and nothing else becomes ready', ({ assert }) => {
    const g = graph(
      [node('t', 'manual'), node('h', 'http_request'), node('n', 'set_variables')],
      [edge('t', 'out', 'h'), edge('h', 'out', 'n')]
    )
    const state = compileWorkflow(g, types).start({ input: {} })
    state.complete('t', '', { status: 'succeeded', output: {} })
    const error = { name: 'NodeError' as const, message: 'boom', category: 'transient' as const }
    const advance = state.complete('h', '', { status: 'failed', error })
    assert.deepEqual(advance.ready, [])
    assert.equal(state.outcome(), 'failed')
    assert.equal(state.failure()?.nodeId, 'h')
  })

  test('a failure with an error connection follows it and the execution continues', ({
    assert,
  }) => {
    const g = graph(
      [
        node('t', 'manual'),
        node('h', 'http_request'),
        node('ok', 'set_variables'),
        node('fallback', 'set_variables'),
      ],
      [edge('t', 'out', 'h'), edge('h', 'out', 'ok'), edge('h', 'error', 'fallback')]
    )
    const state = compileWorkflow(g, types).start({ input: {} })
    state.complete('t', '', { status: 'succeeded', output: { a: 1 } })
    const error = { name: 'NodeError' as const, message: 'down', category: 'transient' as const }
    const advance = state.complete('h', '', { status: 'failed', error })
    assert.deepEqual(
      advance.ready.map((s) => s.nodeId),
      ['fallback']
    )
    assert.deepEqual(advance.ready[0].input, { error, input: { a: 1 } })
    assert.deepEqual(
      advance.skipped.map((s) => s.nodeId),
      ['ok']
    )
    state.complete('fallback', '', { status: 'succeeded', output: null })
    assert.equal(state.outcome(), 'succeeded')
  })
})

function loopGraph(maxIterations = 1000) {
  return graph(
    [
      node('t', 'manual'),
      node('l', 'loop', { items: '{{trigger.items}}', maxIterations }),
      node('c', 'condition', { conditions: gt('loop.item', 1) }),
      node('big', 'set_variables'),
      node('small', 'set_variables'),
      node('after', 'set_variables'),
    ],
    [
      edge('t', 'out', 'l'),
      edge('l', 'body', 'c'),
      edge('c', 'true', 'big'),
      edge('c', 'false', 'small'),
      edge('big', 'out', 'l', 'next'),
      edge('l', 'done', 'after'),
    ]
  )
}

test.group('Interpreter: loops', () => {
  test('runs the body once per item with per-iteration scope keys, then continues on done', ({
    assert,
  }) => {
    const run = drive(loopGraph(), { items: [1, 2, 3] }, semantic)
    assert.deepEqual(run.executed, [
      't@',
      'l@',
      'c@l:0',
      'small@l:0',
      'c@l:1',
      'big@l:1',
      'c@l:2',
      'big@l:2',
      'after@',
    ])
    assert.deepEqual(run.skipped, ['big@l:0', 'small@l:1', 'small@l:2'])
    assert.equal(run.state.outcome(), 'succeeded')
    const after = run.state.contextFor({ nodeId: 'after', scopeKey: '' }).steps.l as {
      count: number
      results: any[]
    }
    assert.equal(after.count, 3)
    // results: what reached the loop's "next" port, else the last successful body step
    assert.deepEqual(
      after.results.map((r) => r.from),
      ['small', 'big', 'big']
    )
    assert.deepEqual(after.results[1].loop, { item: 2, index: 1, total: 3 })
  })

  test('an empty list goes straight to done', ({ assert }) => {
    const run = drive(loopGraph(), { items: [] }, semantic)
    assert.deepEqual(run.executed, ['t@', 'l@', 'after@'])
  })

  test('more items than maxIterations fails the loop step (guard)', ({ assert }) => {
    const state = compileWorkflow(loopGraph(2), types).start({ input: {} })
    state.complete('t', '', { status: 'succeeded', output: {} })
    const advance = state.complete('l', '', { status: 'succeeded', output: { items: [1, 2, 3] } })
    assert.equal(advance.record.status, 'failed')
    assert.equal((advance.record.error as { code: string }).code, 'loop_guard')
    assert.equal(state.outcome(), 'failed')
  })

  test('nested loops get nested scope keys and see both frames', ({ assert }) => {
    const g = graph(
      [
        node('t', 'manual'),
        node('outer', 'loop', { items: '{{trigger.rows}}' }),
        node('inner', 'loop', { items: '{{loop.item}}' }),
        node('leaf', 'set_variables'),
        node('end', 'set_variables'),
      ],
      [
        edge('t', 'out', 'outer'),
        edge('outer', 'body', 'inner'),
        edge('inner', 'body', 'leaf'),
        edge('outer', 'done', 'end'),
      ]
    )
    const seen: Array<[string, unknown]> = []
    const executor: Executor = (step, context) => {
      if (step.type.type === 'loop') {
        const items = step.nodeId === 'outer' ? (context.trigger as any).rows : context.loop!.item
        return { status: 'succeeded', output: { items } }
      }
      if (step.nodeId === 'leaf')
        seen.push([step.scopeKey, [context.loops!.outer.item, context.loop!.item]])
      return { status: 'succeeded', output: step.input }
    }
    const run = drive(g, { rows: [['a', 'b'], ['c']] }, executor)
    assert.deepEqual(seen, [
      ['outer:0/inner:0', [['a', 'b'], 'a']],
      ['outer:0/inner:1', [['a', 'b'], 'b']],
      ['outer:1/inner:0', [['c'], 'c']],
    ])
    assert.equal(run.executed.at(-1), 'end@')
    assert.equal(run.state.outcome(), 'succeeded')
  })
})

test.group('Interpreter: replay', () => {
  test('rebuilds the frontier from recorded steps without re-running finished ones', ({
    assert,
  }) => {
    const g = loopGraph()
    const first = compileWorkflow(g, types).start({ input: { items: [5, 0] } })
    const records: StepRecord[] = []
    const finish = (nodeId: string, scopeKey: string, outcome: StepOutcome) => {
      records.push(first.complete(nodeId, scopeKey, outcome).record)
    }
    finish('t', '', { status: 'succeeded', output: { items: [5, 0] } })
    finish('l', '', { status: 'succeeded', output: { items: [5, 0], count: 2 } })
    finish('c', 'l:0', { status: 'succeeded', output: { result: true }, port: 'true' })
    records.push({ nodeId: 'big', scopeKey: 'l:0', status: 'running' })

    const resumed = compileWorkflow(g, types).start({ input: { items: [5, 0] }, records })
    const ready = resumed.ready()
    assert.deepEqual(
      ready.map((s) => s.key),
      ['big@l:0']
    )
    assert.equal(ready[0].previous?.status, 'running', 'the crashed step is re-run with its record')
    assert.deepEqual(resumed.contextFor(ready[0]).loop, { item: 5, index: 0, total: 2 })
    const run = drive(g, {}, semantic, resumed)
    assert.deepEqual(run.executed, ['big@l:0', 'c@l:1', 'small@l:1', 'after@'])
    assert.equal(resumed.outcome(), 'succeeded')
  })

  test('set_variables outputs become vars and the trigger entity gets its alias', ({ assert }) => {
    const g = graph(
      [
        node('t', 'entity_event'),
        node('v', 'set_variables', { variables: { region: 'EU' } }),
        node('n', 'notification'),
      ],
      [edge('t', 'out', 'v'), edge('v', 'out', 'n')],
      { region: 'US', limit: 5 }
    )
    const state = compileWorkflow(g, types).start({ input: {} })
    state.complete('t', '', {
      status: 'succeeded',
      output: { entityType: 'invoice', entity: { number: 'INV-7' } },
    })
    const [step] = state.complete('v', '', { status: 'succeeded', output: { region: 'EU' } }).ready
    const context = state.contextFor(step)
    assert.deepEqual(context.vars, { region: 'EU', limit: 5 })
    assert.deepEqual(context.invoice, { number: 'INV-7' })
  })
})
