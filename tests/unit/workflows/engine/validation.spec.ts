import { test } from '@japa/runner'
import { validateGraph, canConnect } from '#workflows/engine/validation'
import { hydrateSchema, checkAgainstSchema } from '#workflows/engine/schema'
import { edge, graph, node, types } from './graph_fixtures.js'

const codes = (issues: Array<{ code: string }>) => issues.map((issue) => issue.code)
const rules = (field: string) => ({
  combinator: 'all',
  rules: [{ field, operator: 'is_not_empty' }],
})
const valid = () =>
  graph(
    [
      node('t', 'manual'),
      node('c', 'condition', { conditions: rules('trigger.x') }),
      node('a', 'set_variables', { variables: { a: 1 } }),
    ],
    [edge('t', 'out', 'c'), edge('c', 'true', 'a')]
  )

test.group('Graph validation', () => {
  test('a correct graph has no issues (with JSON-transported node types)', ({ assert }) => {
    const overTheWire = JSON.parse(JSON.stringify(types))
    assert.deepEqual(validateGraph(valid(), overTheWire), [])
  })

  test('malformed graph JSON is refused with a field path', ({ assert }) => {
    const issues = validateGraph({ nodes: [{ id: 'x' }], edges: [] } as never, types)
    assert.equal(issues[0].code, 'invalid_graph')
    assert.match(issues[0].path!, /^nodes\.0/)
  })

  test('exactly one trigger', ({ assert }) => {
    const none = graph([node('a', 'set_variables', { variables: { a: 1 } })], [])
    assert.include(codes(validateGraph(none, types)), 'no_trigger')
    const two = graph([node('t', 'manual'), node('t2', 'webhook', { token: 'x'.repeat(20) })], [])
    const issues = validateGraph(two, types)
    assert.deepInclude(
      issues.map((i) => [i.code, i.nodeId]),
      ['multiple_triggers', 't2']
    )
  })

  test('unknown node types', ({ assert }) => {
    const g = valid()
    g.nodes.push({ ...node('x', 'manual'), type: 'teleport' })
    g.edges.push(edge('a', 'out', 'x'))
    const issue = validateGraph(g, types).find((i) => i.code === 'unknown_node_type')
    assert.equal(issue?.nodeId, 'x')
    assert.match(issue!.message, /teleport/)
  })

  test('dangling connections: missing node or port', ({ assert }) => {
    const g = valid()
    g.edges.push(edge('a', 'out', 'ghost'), edge('c', 'maybe', 'a'))
    const issues = validateGraph(g, types)
    assert.deepInclude(
      issues.map((i) => [i.code, i.path]),
      ['dangling_edge', 'target']
    )
    const port = issues.find((i) => i.code === 'unknown_port')!
    assert.equal(port.nodeId, 'c')
    assert.equal(port.path, 'sourcePort')
    assert.match(port.message, /no output port "maybe"/)
  })

  test('duplicate ids, duplicate and self connections', ({ assert }) => {
    const g = valid()
    g.nodes.push(node('a', 'set_variables', { variables: { b: 1 } }))
    g.edges.push({ ...g.edges[0] }, edge('t', 'out', 'c'), edge('a', 'out', 'a'))
    assert.includeMembers(codes(validateGraph(g, types)), [
      'duplicate_node_id',
      'duplicate_edge_id',
      'duplicate_connection',
      'self_connection',
    ])
  })

  test('cycles are refused, naming the nodes', ({ assert }) => {
    const g = valid()
    g.nodes.push(node('b', 'set_variables', { variables: { b: 1 } }))
    g.edges.push(edge('a', 'out', 'b'), edge('b', 'out', 'c'))
    const cycle = validateGraph(g, types).find((i) => i.code === 'cycle')!
    assert.match(cycle.message, /"c" → "a" → "b" → "c"|"a" → "b" → "c" → "a"|"b" → "c" → "a" → "b"/)
  })

  test('going back into a loop from its body is allowed; from outside it is not', ({ assert }) => {
    const g = graph(
      [
        node('t', 'manual'),
        node('l', 'loop', { items: '{{trigger.items}}' }),
        node('b', 'set_variables', { variables: { v: 1 } }),
        node('after', 'set_variables', { variables: { w: 1 } }),
      ],
      [
        edge('t', 'out', 'l'),
        edge('l', 'body', 'b'),
        edge('b', 'out', 'l', 'next'),
        edge('l', 'done', 'after'),
      ]
    )
    assert.deepEqual(validateGraph(g, types), [])
    g.edges.push(edge('after', 'out', 'l', 'next'))
    assert.include(codes(validateGraph(g, types)), 'loop_back_outside')
  })

  test('a loop body fed from outside the loop is refused', ({ assert }) => {
    const g = graph(
      [
        node('t', 'manual'),
        node('l', 'loop', { items: '{{trigger.items}}' }),
        node('b', 'set_variables', { variables: { v: 1 } }),
      ],
      [edge('t', 'out', 'l'), edge('l', 'body', 'b'), edge('t', 'out', 'b')]
    )
    const issue = validateGraph(g, types).find((i) => i.code === 'loop_body_escape')!
    assert.equal(issue.nodeId, 'b')
  })

  test('port kinds: nothing connects into a loop body output or from a body port back', ({
    assert,
  }) => {
    const g = graph(
      [
        node('t', 'manual'),
        node('l', 'loop', { items: '{{trigger.items}}' }),
        node('l2', 'loop', { items: '{{trigger.items}}' }),
      ],
      [edge('t', 'out', 'l'), edge('l', 'body', 'l2', 'next')]
    )
    assert.include(codes(validateGraph(g, types)), 'invalid_connection')
  })

  test('unreachable nodes', ({ assert }) => {
    const g = valid()
    g.nodes.push(node('island', 'set_variables', { variables: { z: 1 } }))
    const issue = validateGraph(g, types).find((i) => i.code === 'unreachable')!
    assert.equal(issue.nodeId, 'island')
  })

  test('required config, types, formats and enums name the field', ({ assert }) => {
    const g = valid()
    g.nodes.push(
      node('h', 'http_request', { url: '', timeoutSeconds: 'soon', method: 'FETCH' }),
      node('s', 'schedule', { cron: 'every day', timezone: 'Mars/Base' })
    )
    g.edges.push(edge('a', 'out', 'h'))
    const issues = validateGraph(g, types).filter((i) => i.code === 'invalid_config')
    const byPath = Object.fromEntries(issues.map((i) => [`${i.nodeId}:${i.path}`, i.message]))
    assert.equal(byPath['h:config.url'], 'URL is required')
    assert.match(byPath['h:config.timeoutSeconds'], /Timeout \(seconds\)/)
    assert.match(byPath['h:config.method'], /Method must be one of: GET, POST/)
    assert.equal(byPath['s:config.cron'], 'Cron is not a valid cron expression')
    assert.equal(byPath['s:config.timezone'], 'Time zone is not a valid time zone')
  })

  test('messages for list items, patterns and map keys name the field', ({ assert }) => {
    const g = valid()
    g.nodes.push(
      node('n', 'notification', { recipients: { roles: ['king'] }, title: 'Hi' }),
      node('s', 'switch', { field: 'x', cases: [{ id: 'a b', label: 'A' }] })
    )
    g.nodes[2].config = { variables: { 'bad key': 1 } }
    g.edges.push(edge('a', 'out', 'n'), edge('a', 'out', 's'))
    const byPath = Object.fromEntries(
      validateGraph(g, types).map((i) => [`${i.nodeId}:${i.path}`, i.message])
    )
    assert.equal(
      byPath['n:config.recipients.roles.0'],
      'Roles item 1 must be one of: owner, admin, builder, approver, viewer'
    )
    assert.equal(
      byPath['s:config.cases.0.id'],
      'Port id may only contain letters, digits, "_" and "-"'
    )
    assert.match(byPath['a:config.variables.bad key'], /^Variables "bad key" is not a valid name/)
  })

  test('expressions are accepted where a value of another type is expected', ({ assert }) => {
    const g = valid()
    g.nodes.push(
      node('h', 'http_request', { url: 'https://example.com', timeoutSeconds: '{{vars.timeout}}' })
    )
    g.edges.push(edge('a', 'out', 'h'))
    assert.deepEqual(validateGraph(g, types), [])
  })

  test('broken templates and bad condition rules are reported with their path', ({ assert }) => {
    const g = valid()
    g.nodes[1].config = {
      conditions: {
        combinator: 'all',
        rules: [
          { field: '', operator: 'gt' },
          { field: 'x', operator: 'resembles' },
        ],
      },
    }
    g.nodes[2].config = { variables: { a: 'Hello {{#if x}}' } }
    const issues = validateGraph(g, types)
    const paths = issues.map((i) => [i.code, i.path])
    assert.deepInclude(paths, ['invalid_condition', 'config.conditions.rules.0.field'])
    assert.deepInclude(paths, ['invalid_condition', 'config.conditions.rules.0.value'])
    assert.deepInclude(paths, ['invalid_condition', 'config.conditions.rules.1.operator'])
    assert.deepInclude(paths, ['invalid_expression', 'config.variables.a'])
  })

  test('switch cases and parallel branches need unique port ids', ({ assert }) => {
    const g = valid()
    g.nodes.push(
      node('s', 'switch', {
        field: 'trigger.x',
        cases: [
          { id: 'a', label: 'A' },
          { id: 'a', label: 'A again' },
          { id: 'default', label: 'D' },
        ],
      })
    )
    g.edges.push(edge('a', 'out', 's'))
    const issues = validateGraph(g, types).filter((i) => i.code === 'duplicate_port')
    assert.deepEqual(
      issues.map((i) => i.path),
      ['config.cases.1.id', 'config.cases.2.id']
    )
  })

  test('hydrateSchema restores TypeBox kinds on JSON schemas', ({ assert }) => {
    const json = JSON.parse(
      JSON.stringify(types.find((t) => t.type === 'http_request')!.configSchema)
    )
    assert.doesNotThrow(() => hydrateSchema(json))
    assert.deepEqual(
      checkAgainstSchema(json, { ...node('h', 'http_request', { url: 'https://x.test' }).config }),
      []
    )
  })
})

test.group('canConnect', () => {
  test('accepts a valid connection', ({ assert }) => {
    const g = valid()
    g.nodes.push(node('b', 'set_variables'))
    assert.deepEqual(
      canConnect(g, types, { source: 'c', sourcePort: 'false', target: 'b', targetPort: 'in' }),
      { ok: true }
    )
  })

  test('refuses cycles, self, duplicates, missing ports and triggers as targets with a reason', ({
    assert,
  }) => {
    const g = valid()
    const cycle = canConnect(g, types, {
      source: 'a',
      sourcePort: 'out',
      target: 'c',
      targetPort: 'in',
    })
    assert.isFalse(cycle.ok)
    assert.match((cycle as { reason: string }).reason, /cycle/)
    assert.match(
      (
        canConnect(g, types, {
          source: 'a',
          sourcePort: 'out',
          target: 'a',
          targetPort: 'in',
        }) as any
      ).reason,
      /itself/
    )
    assert.match(
      (
        canConnect(g, types, {
          source: 't',
          sourcePort: 'out',
          target: 'c',
          targetPort: 'in',
        }) as any
      ).reason,
      /already connected/
    )
    assert.match(
      (
        canConnect(g, types, {
          source: 'a',
          sourcePort: 'out',
          target: 't',
          targetPort: 'in',
        }) as any
      ).reason,
      /no input port/
    )
  })

  test('loop back only from inside the body; body cannot take outside input', ({ assert }) => {
    const g = graph(
      [
        node('t', 'manual'),
        node('l', 'loop', { items: '{{trigger.items}}' }),
        node('b', 'set_variables'),
        node('after', 'set_variables'),
      ],
      [edge('t', 'out', 'l'), edge('l', 'body', 'b'), edge('l', 'done', 'after')]
    )
    assert.deepEqual(
      canConnect(g, types, { source: 'b', sourcePort: 'out', target: 'l', targetPort: 'next' }),
      { ok: true }
    )
    const outside = canConnect(g, types, {
      source: 'after',
      sourcePort: 'out',
      target: 'l',
      targetPort: 'next',
    })
    assert.match((outside as any).reason, /inside the loop body/)
    const escape = canConnect(g, types, {
      source: 't',
      sourcePort: 'out',
      target: 'b',
      targetPort: 'in',
    })
    assert.match((escape as any).reason, /inside the loop body/)
  })
})
