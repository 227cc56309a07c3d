import { test } from '@japa/runner'
import { compileWorkflow, type StepOutcome, type StepRecord } from '#workflows/engine/interpreter'
import type { ExpressionContext } from '#workflows/engine/context'
import { drive, edge, graph, node, types, type Executor } from '../engine/graph_fixtures.js'

/** Steps named in `failing` fail (transient); try_catch runs its real logic; others echo. */
function executor(failing: string[], seen: Record<string, ExpressionContext> = {}): Executor {
  return (step, context) => {
    seen[step.nodeId] = context
    if (failing.includes(step.nodeId)) {
      return {
        status: 'failed',
        error: { name: 'NodeError', category: 'transient', message: `${step.nodeId} broke` },
      }
    }
    if (step.type.category === 'trigger') return { status: 'succeeded', output: step.input }
    if (step.type.type === 'try_catch') {
      return { status: 'succeeded', output: { input: step.input, error: null }, port: 'try' }
    }
    return { status: 'succeeded', output: { from: step.nodeId, input: step.input } }
  }
}

/** t → guard(try_catch); try: a → b; catch: handler; finally: fin; fin → after. */
const protectedGraph = (withCatch = true) =>
  graph(
    [
      node('t', 'manual'),
      node('guard', 'try_catch'),
      node('a', 'set_variables'),
      node('b', 'set_variables'),
      node('handler', 'set_variables'),
      node('fin', 'set_variables'),
      node('after', 'set_variables'),
    ],
    [
      edge('t', 'out', 'guard'),
      edge('guard', 'try', 'a'),
      edge('a', 'out', 'b'),
      ...(withCatch ? [edge('guard', 'catch', 'handler')] : []),
      edge('guard', 'finally', 'fin'),
      edge('fin', 'out', 'after'),
    ]
  )

const inputOf = (records: StepRecord[], nodeId: string) => records.find((r) => r.nodeId === nodeId)

test.group('Try / catch / finally (interpreter)', () => {
  test('no error: the try scope runs, catch is skipped, finally runs with ok: true', ({
    assert,
  }) => {
    const run = drive(protectedGraph(), { order: 7 }, executor([]))
    assert.deepEqual(run.executed, ['t@', 'guard@', 'a@', 'b@', 'fin@', 'after@'])
    assert.deepEqual(run.skipped, ['handler@'])
    assert.equal(run.state.outcome(), 'succeeded')
    const fin = inputOf(run.state.records(), 'fin')!
    assert.deepEqual((fin.output as any).input, { input: { order: 7 }, error: null, ok: true })
  })

  test('an error in the scope skips the rest, runs catch with the error, then finally', ({
    assert,
  }) => {
    const seen: Record<string, ExpressionContext> = {}
    const run = drive(protectedGraph(), { order: 7 }, executor(['a'], seen))
    assert.deepEqual(run.executed, ['t@', 'guard@', 'a@', 'handler@', 'fin@', 'after@'])
    assert.deepEqual(run.skipped, ['b@'])
    assert.equal(run.state.outcome(), 'succeeded')
    assert.isNull(run.state.failure())
    const error = {
      nodeId: 'a',
      nodeName: 'a',
      nodeType: 'set_variables',
      category: 'transient',
      message: 'a broke',
    }
    const handler = inputOf(run.state.records(), 'handler')!
    assert.deepEqual((handler.output as any).input, { input: { order: 7 }, error })
    // Expressions on the catch branch see the error under the try node's id.
    assert.deepEqual((seen.handler.steps.guard as any).error, error)
    const fin = inputOf(run.state.records(), 'fin')!
    assert.deepEqual((fin.output as any).input, { input: { order: 7 }, error, ok: false })
  })

  test('without a catch branch the error is handled and finally still runs', ({ assert }) => {
    const run = drive(protectedGraph(false), {}, executor(['b']))
    assert.deepEqual(run.executed, ['t@', 'guard@', 'a@', 'b@', 'fin@', 'after@'])
    assert.equal(run.state.outcome(), 'succeeded')
  })

  test('a failure in the catch branch fails the execution; finally does not run', ({ assert }) => {
    const run = drive(protectedGraph(), {}, executor(['a', 'handler']))
    assert.equal(run.state.outcome(), 'failed')
    assert.equal(run.state.failure()?.nodeId, 'handler')
    assert.notInclude(run.executed, 'fin@')
  })

  test('a failure outside any try scope still fails the execution', ({ assert }) => {
    const run = drive(protectedGraph(), {}, executor(['fin']))
    assert.equal(run.state.outcome(), 'failed')
    assert.equal(run.state.failure()?.nodeId, 'fin')
  })

  test('nested scopes: the inner try catches first; an error in its catch goes to the outer', ({
    assert,
  }) => {
    const g = graph(
      [
        node('t', 'manual'),
        node('outer', 'try_catch'),
        node('inner', 'try_catch'),
        node('x', 'set_variables'),
        node('innerCatch', 'set_variables'),
        node('outerCatch', 'set_variables'),
      ],
      [
        edge('t', 'out', 'outer'),
        edge('outer', 'try', 'inner'),
        edge('inner', 'try', 'x'),
        edge('inner', 'catch', 'innerCatch'),
        edge('outer', 'catch', 'outerCatch'),
      ]
    )
    const innerOnly = drive(g, {}, executor(['x']))
    assert.deepEqual(innerOnly.executed, ['t@', 'outer@', 'inner@', 'x@', 'innerCatch@'])
    assert.deepEqual(innerOnly.skipped, ['outerCatch@'])
    const both = drive(g, {}, executor(['x', 'innerCatch']))
    assert.deepEqual(both.executed, ['t@', 'outer@', 'inner@', 'x@', 'innerCatch@', 'outerCatch@'])
    assert.equal(both.state.outcome(), 'succeeded')
  })

  test('replaying the stored records rebuilds the same state (crash recovery)', ({ assert }) => {
    const g = protectedGraph()
    const first = drive(g, { n: 1 }, executor(['a']))
    // Keep every record up to and including the handler; finally has not run yet.
    const records = first.state
      .records()
      .filter((r) => !['fin', 'after'].includes(r.nodeId) && r.status !== 'skipped')
    const resumed = compileWorkflow(g, types).start({ input: { n: 1 }, records })
    assert.deepEqual(
      resumed.ready().map((step) => step.nodeId),
      ['fin']
    )
    const outcome: StepOutcome = { status: 'succeeded', output: null }
    const next = resumed.complete('fin', '', outcome)
    assert.deepEqual(
      next.ready.map((step) => step.nodeId),
      ['after']
    )
  })

  test('the error port output is visible to expressions as steps.<nodeId>.error', ({ assert }) => {
    const g = graph(
      [node('t', 'manual'), node('call', 'http_request'), node('fallback', 'set_variables')],
      [edge('t', 'out', 'call'), edge('call', 'error', 'fallback')]
    )
    const seen: Record<string, ExpressionContext> = {}
    drive(g, {}, executor(['call'], seen))
    assert.equal((seen.fallback.steps.call as any).error.category, 'transient')
  })
})
