import { test } from '@japa/runner'
import { failed, ok, runType } from './node_context.js'

const expression = {
  trigger: { amount: 250, stage: 'won', rows: [{ id: 1 }, { id: 2 }] },
  steps: {},
  vars: { limit: 100 },
}

test.group('Control nodes', () => {
  test('condition: chooses the true or false port', async ({ assert }) => {
    const rules = (value: unknown) => ({
      conditions: {
        combinator: 'all',
        rules: [{ field: 'trigger.amount', operator: 'gt', value }],
      },
    })
    const yes = ok(await runType('condition', rules('{{vars.limit}}'), { expression }))
    assert.equal(yes.result.port, 'true')
    assert.deepEqual(yes.result.output, { result: true })
    assert.equal(ok(await runType('condition', rules(1000), { expression })).result.port, 'false')
  })

  test('switch: value mode, rules mode, all-matches mode and default', async ({ assert }) => {
    const cases = [
      { id: 'won', label: 'Won', value: 'WON' },
      { id: 'lost', label: 'Lost', value: 'lost' },
    ]
    assert.deepEqual(
      ok(await runType('switch', { field: 'trigger.stage', mode: 'first', cases }, { expression }))
        .result.port,
      ['won']
    )
    const none = ok(
      await runType(
        'switch',
        { field: 'trigger.stage', mode: 'first', cases: cases.slice(1) },
        { expression }
      )
    )
    assert.deepEqual(none.result.port, ['default'])
    const ruleCases = [
      {
        id: 'big',
        label: 'Big',
        conditions: {
          combinator: 'all',
          rules: [{ field: 'trigger.amount', operator: 'gte', value: 200 }],
        },
      },
      {
        id: 'medium',
        label: 'Medium',
        conditions: {
          combinator: 'all',
          rules: [{ field: 'trigger.amount', operator: 'gte', value: 100 }],
        },
      },
    ]
    assert.deepEqual(
      ok(await runType('switch', { mode: 'first', cases: ruleCases }, { expression })).result.port,
      ['big']
    )
    assert.deepEqual(
      ok(await runType('switch', { mode: 'all', cases: ruleCases }, { expression })).result.port,
      ['big', 'medium']
    )
  })

  test('parallel: passes its input on to every branch', async ({ assert }) => {
    const run = ok(await runType('parallel', {}, { input: { a: 1 } }))
    assert.deepEqual(run.result, { output: { a: 1 } })
  })

  test('loop: items from an expression, a guard on the count, a clear error for non-lists', async ({
    assert,
  }) => {
    const run = ok(
      await runType('loop', { items: '{{trigger.rows}}', maxIterations: 10 }, { expression })
    )
    assert.deepEqual(run.result.output, { items: [{ id: 1 }, { id: 2 }], count: 2 })
    const lines = ok(await runType('loop', { items: 'a, b,c', maxIterations: 10 }))
    assert.deepEqual(lines.result.output.items, ['a', 'b', 'c'])
    const guard = failed(
      await runType('loop', { items: '{{trigger.rows}}', maxIterations: 1 }, { expression })
    )
    assert.equal(guard.code, 'loop_guard')
    assert.equal(guard.category, 'validation')
    assert.equal(failed(await runType('loop', { items: 42, maxIterations: 5 })).code, 'loop_items')
  })

  test('delay: returns a durable wait for a duration or a date; past dates continue at once', async ({
    assert,
  }) => {
    const before = Date.now()
    const duration = ok(await runType('delay', { mode: 'duration', duration: '1h 30m' }))
    assert.equal(duration.result.wait.kind, 'delay')
    const until = Date.parse(duration.result.wait.until)
    assert.isAtLeast(until - before, 90 * 60_000)
    assert.isAtMost(until - before, 90 * 60_000 + 60_000)
    const due = new Date(Date.now() + 10 * 86_400_000).toISOString()
    const date = ok(
      await runType(
        'delay',
        { mode: 'until', until: '{{trigger.due}}' },
        { expression: { trigger: { due } } }
      )
    )
    assert.equal(date.result.wait.until, due)
    const past = ok(await runType('delay', { mode: 'until', until: '2000-01-01' }))
    assert.isUndefined(past.result.wait)
    assert.equal(
      failed(await runType('delay', { mode: 'duration', duration: 'soon' })).code,
      'invalid_duration'
    )
    assert.equal(
      failed(await runType('delay', { mode: 'duration', duration: '400d' })).code,
      'delay_too_long'
    )
  })
})
