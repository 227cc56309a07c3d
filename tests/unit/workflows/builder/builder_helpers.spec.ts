import { test } from '@japa/runner'
import { nodeRegistry } from '#workflows/nodes/registry'
import type { GraphEdge, GraphNode, WorkflowGraph } from '#workflows/engine/graph'
/*
 * The builder's pure modules live in inertia/, a separate TS project (type-checked by vue-tsc);
 * root tsc cannot import its sources (TS6305), so they are loaded as modules here and Node runs
 * the TypeScript directly.
 */
const builder = '../../../../inertia/workflows/builder'
const {
  FRAGMENT_FORMAT,
  WORKFLOW_FORMAT,
  createFragment,
  exportWorkflow,
  instantiateFragment,
  readFragment,
  readWorkflowFile,
  serialize,
} = await import(`${builder}/exchange.js`)
const { alignNodes, distributeNodes } = await import(`${builder}/arrange.js`)
const { formFields, joinDuration, splitDuration } = await import(`${builder}/schema_form.js`)
const { describeCron, previewCron } = await import(`${builder}/cron.js`)
const { availableVariables } = await import(`${builder}/variables.js`)
const { expectsSummary, paletteSections, searchNodes, summaryFor } = await import(
  `${builder}/node_types.js`
)

type Field = { key: string; widget: string; required: boolean; options: Array<{ value: unknown }> }

const types = () => JSON.parse(JSON.stringify(nodeRegistry.publicList()))
const typeMap = () => new Map(types().map((t: any) => [t.type, t]))
const known = () => new Set<string>(nodeRegistry.publicList().map((t: any) => t.type))

function sample(): WorkflowGraph {
  return {
    nodes: [
      {
        id: 'start',
        type: 'entity_event',
        name: 'Invoice overdue',
        config: { events: ['invoice.overdue'] },
        position: { x: 0, y: 0 },
      },
      {
        id: 'check',
        type: 'condition',
        name: 'Big?',
        config: { conditions: { combinator: 'all', rules: [] } },
        position: { x: 300, y: 0 },
      },
      {
        id: 'tell',
        type: 'notification',
        name: 'Tell',
        config: { title: 'x' },
        position: { x: 600, y: 0 },
      },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'check', targetPort: 'in' },
      { id: 'e2', source: 'check', sourcePort: 'true', target: 'tell', targetPort: 'in' },
    ],
    variables: {},
  }
}

test.group('Builder clipboard and import/export format', () => {
  test('a fragment holds the selected nodes and only the edges between them', ({ assert }) => {
    const fragment = createFragment(sample(), ['check', 'tell'])
    assert.equal(fragment.format, FRAGMENT_FORMAT)
    assert.equal(fragment.version, 1)
    assert.deepEqual(
      fragment.nodes.map((n: GraphNode) => n.id),
      ['check', 'tell']
    )
    assert.deepEqual(
      fragment.edges.map((e: GraphEdge) => e.id),
      ['e2']
    )
    const read = readFragment(serialize(fragment), known())
    assert.isTrue(read.ok)
  })

  test('instantiating re-ids nodes and edges and keeps edges pointing at the copies', ({
    assert,
  }) => {
    const graph = sample()
    const { nodes, edges } = instantiateFragment(createFragment(graph, ['check', 'tell']), graph)
    const ids = nodes.map((n: GraphNode) => n.id)
    assert.notInclude(ids, 'check')
    assert.equal(edges[0].source, ids[0])
    assert.equal(edges[0].target, ids[1])
    assert.notEqual(edges[0].id, 'e2')
    assert.equal(nodes[0].name, 'Big? 2')
    for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]+$/)
  })

  test('reading accepts exported files and bare graphs, and explains bad input', ({ assert }) => {
    const file = serialize(exportWorkflow({ name: 'Dunning', graph: sample() }))
    const read = readWorkflowFile(file, known())
    assert.isTrue(read.ok)
    if (read.ok) {
      assert.equal(read.value.format, WORKFLOW_FORMAT)
      assert.equal(read.value.name, 'Dunning')
      assert.lengthOf(read.value.graph.nodes, 3)
    }
    assert.isTrue(readWorkflowFile(JSON.stringify(sample()), known()).ok)
    assert.isTrue(readFragment(file, known()).ok, 'an exported workflow can be pasted')

    const broken = readWorkflowFile(
      '{"format": "logiaccounting.workflow", "version": 1, "graph": {',
      known()
    )
    assert.isFalse(broken.ok)
    if (!broken.ok) assert.match(broken.errors[0], /Not valid JSON/)

    const badShape = sample() as any
    badShape.nodes[1].position = { x: 'left' }
    const shape = readWorkflowFile(
      JSON.stringify(exportWorkflow({ name: 'x', graph: badShape })),
      known()
    )
    assert.isFalse(shape.ok)
    if (!shape.ok) assert.match(shape.errors.join('\n'), /\/graph\/nodes\/1\/position/)

    const dangling = sample()
    dangling.edges.push({
      id: 'e3',
      source: 'tell',
      sourcePort: 'out',
      target: 'ghost',
      targetPort: 'in',
    })
    dangling.nodes.push({ ...dangling.nodes[0], id: 'start' })
    const problems = readWorkflowFile(JSON.stringify(dangling), known())
    assert.isFalse(problems.ok)
    if (!problems.ok) {
      assert.include(problems.errors.join('\n'), 'duplicate node id "start"')
      assert.include(problems.errors.join('\n'), '/edges/2/target: no node "ghost"')
    }
    const wrongFormat = readWorkflowFile(JSON.stringify({ format: 'n8n', nodes: [] }), known())
    assert.isFalse(wrongFormat.ok)
    if (!wrongFormat.ok) assert.match(wrongFormat.errors[0], /\/format/)
  })
})

test.group('Builder arrange, forms, cron, variables', () => {
  const boxes = [
    { id: 'a', x: 0, y: 0, width: 100, height: 50 },
    { id: 'b', x: 300, y: 40, width: 200, height: 50 },
    { id: 'c', x: 120, y: 200, width: 100, height: 50 },
  ]

  test('align and distribute selected nodes', ({ assert }) => {
    assert.deepEqual(alignNodes(boxes, 'left'), {
      a: { x: 0, y: 0 },
      b: { x: 0, y: 40 },
      c: { x: 0, y: 200 },
    })
    assert.equal(alignNodes(boxes, 'right').b.x, 300)
    assert.equal(alignNodes(boxes, 'right').a.x, 400)
    assert.equal(alignNodes(boxes, 'middle').a.y, 100)
    const spread = distributeNodes(boxes, 'horizontal')
    // span 0..500, occupied 400, gap 50: a at 0, c at 150, b at 300
    assert.deepEqual(spread, { a: { x: 0, y: 0 }, c: { x: 150, y: 200 }, b: { x: 300, y: 40 } })
    assert.deepEqual(distributeNodes(boxes.slice(0, 2), 'vertical'), {})
  })

  test('form fields come from the config schema and its ui hints, in order, honouring showIf', ({
    assert,
  }) => {
    const delay = types().find((t: any) => t.type === 'delay')
    const byDuration = formFields(delay.configSchema, { mode: 'duration' })
    assert.deepEqual(
      byDuration.map((f: Field) => [f.key, f.widget]),
      [
        ['mode', 'enum'],
        ['duration', 'duration'],
      ]
    )
    assert.deepEqual(
      formFields(delay.configSchema, { mode: 'until' }).map((f: Field) => f.key),
      ['mode', 'until']
    )
    const notification = types().find((t: any) => t.type === 'notification')
    const title = formFields(notification.configSchema, {}).find((f: Field) => f.key === 'title')!
    assert.equal(title.widget, 'expression')
    assert.isTrue(title.required)
    const severity = formFields(notification.configSchema, {}).find(
      (f: Field) => f.key === 'severity'
    )!
    assert.includeMembers(
      severity.options.map((o: { value: unknown }) => o.value),
      ['info', 'error']
    )
  })

  test('durations convert between stored values and amount + unit', ({ assert }) => {
    assert.deepEqual(splitDuration('2h 30m'), { amount: 150, unit: 'm' })
    assert.deepEqual(splitDuration(86_400_000), { amount: 1, unit: 'd' })
    assert.deepEqual(splitDuration('soon'), { amount: null, unit: 'm' })
    assert.equal(joinDuration(15, 'm', true), '15m')
    assert.equal(joinDuration(2, 'h', false), 7_200_000)
  })

  test('cron preview describes the schedule and lists next runs in the time zone', ({ assert }) => {
    assert.equal(describeCron('0 9 * * 1-5'), 'At 09:00 on Monday to Friday')
    assert.equal(describeCron('*/15 * * * *'), 'Every 15 minutes')
    const preview = previewCron('0 9 * * *', 'Europe/Paris', 3, new Date('2026-01-10T12:00:00Z'))
    assert.isTrue(preview.ok)
    if (preview.ok) {
      assert.lengthOf(preview.nextRuns, 3)
      assert.equal(preview.nextRuns[0].toISOString(), '2026-01-11T08:00:00.000Z')
    }
    const bad = previewCron('61 * * * *')
    assert.isFalse(bad.ok)
  })

  test('variables: trigger entity fields, upstream outputs only, vars', ({ assert }) => {
    const graph = sample()
    const entities = [
      {
        name: 'invoice',
        label: 'Invoice',
        module: 'invoicing',
        events: [],
        fields: [{ key: 'number', label: 'Number', type: 'string' }],
      },
    ] as any
    const paths = availableVariables(graph, 'tell', typeMap() as any, entities).map(
      (v: { path: string }) => v.path
    )
    assert.includeMembers(paths, [
      'trigger',
      'invoice.number',
      'trigger.entity.number',
      'steps.check',
      'execution.id',
    ])
    assert.notInclude(paths, 'steps.tell')
    const atCondition = availableVariables(graph, 'check', typeMap() as any, entities).map(
      (v: { path: string }) => v.path
    )
    assert.notInclude(atCondition, 'steps.check')
  })

  test('palette groups and search; node search; summaries', ({ assert }) => {
    const sections = paletteSections(types())
    assert.equal(sections[0].group, 'Triggers')
    const found = paletteSections(types(), 'webhook')
    assert.isTrue(
      found.every((s: { types: any[] }) =>
        s.types.every((t: any) => /webhook/i.test(`${t.label} ${t.type} ${t.description}`))
      )
    )
    assert.deepEqual(
      searchNodes(sample().nodes, typeMap() as any, 'big').map((n: GraphNode) => n.id),
      ['check']
    )
    assert.deepEqual(
      searchNodes(sample().nodes, typeMap() as any, 'invoice.overdue').map((n: GraphNode) => n.id),
      ['start']
    )
    const summary = summaryFor(sample().nodes[2], typeMap().get('notification') as any)
    assert.isString(summary)
    assert.isAtMost(summary.length, 80)
  })

  test('a node expects a summary line when its type has a template or it has simple settings', ({
    assert,
  }) => {
    const node = (config: Record<string, unknown>) => ({
      id: 'n',
      type: 't',
      name: 'N',
      position: { x: 0, y: 0 },
      config,
    })
    const templated = { type: 't', summary: '{{title}}' } as any
    const plain = { type: 't' } as any
    assert.isTrue(expectsSummary(node({}), templated))
    assert.isTrue(expectsSummary(node({ url: 'https://example.com' }), plain))
    assert.isFalse(expectsSummary(node({ rules: [] }), plain))
    assert.isFalse(expectsSummary(node({ url: '' }), plain))
    assert.equal(summaryFor(node({ rules: [] }), plain), '')
    assert.equal(summaryFor(node({ url: 'u', n: 2 }), plain), 'url: u · n: 2')
  })
})
