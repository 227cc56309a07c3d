import { test } from '@japa/runner'
import { chain, node } from '#tests/helpers/workflows'
import { nodeRegistry } from '#workflows/nodes/registry'
import {
  graphDependencies,
  resultKeysUsed,
  returnKeysOf,
} from '#workflows/dependencies/graph_dependencies'
import { eventsCausedByWrite, entityOfEvent } from '#workflows/dependencies/entity_events'
import { mappingWarnings } from '#workflows/dependencies/mapping_check'
import type { WorkflowDependencies } from '#workflows/dependencies/types'

// inertia/ is a separate TS project (root tsc cannot import it, TS6305): load it at run time.
type FlowNode = { id: string; position: { x: number; y: number } }
type FlowEdge = {
  id: string
  source: string
  target: string
  label: string
  class: string
  targetHandle: string
}
const layoutPath = '../../../../inertia/workflows/dependencies/layout.js'
const { layoutDependencies } = (await import(layoutPath)) as {
  layoutDependencies(deps: WorkflowDependencies): { nodes: FlowNode[]; edges: FlowEdge[] }
}

const lookup = (type: string) => nodeRegistry.get(type)

test.group('Dependencies | node hooks and graph reading', () => {
  test('writes cause the entity events the services record', ({ assert }) => {
    assert.deepEqual(eventsCausedByWrite('activity', 'create'), ['activity.logged'])
    assert.deepEqual(eventsCausedByWrite('payment', 'create'), ['payment.received'])
    assert.deepEqual(eventsCausedByWrite('deal', 'update'), [
      'deal.updated',
      'deal.stage_changed',
      'deal.won',
      'deal.lost',
    ])
    assert.deepEqual(eventsCausedByWrite('invoice', 'update'), ['invoice.updated'])
    assert.deepEqual(eventsCausedByWrite('nothing', 'create'), [])
    assert.equal(entityOfEvent('project.milestone_reached'), 'milestone')
    assert.isNull(entityOfEvent('no.such_event'))
  })

  test('each node declares what it reads, writes, listens to and causes', ({ assert }) => {
    const graph = chain(
      node('paid', 'entity_event', { event: 'invoice.paid' }),
      node('wait', 'wait_for_event', {
        event: 'payment.received',
        matchValue: '{{trigger.entityId}}',
      }),
      node('make', 'create_entity', { entity: 'task', data: { title: 'x' } }),
      node('edit', 'update_entity', { entity: 'invoice', data: { notes: 'y' } }),
      node('call', 'sub_workflow', {
        workflowId: 7,
        version: 2,
        mode: 'async',
        parameters: { a: 1 },
      }),
      node('vague', 'sub_workflow', { parameters: {} })
    )
    const deps = graphDependencies(graph, lookup)
    assert.deepEqual(deps.reads, [
      { name: 'invoice', nodeIds: ['paid', 'edit'] },
      { name: 'payment', nodeIds: ['wait'] },
    ])
    assert.deepEqual(deps.writes, [
      { name: 'invoice', nodeIds: ['edit'] },
      { name: 'task', nodeIds: ['make'] },
    ])
    assert.deepEqual(
      deps.listens.map((use) => use.name),
      ['invoice.paid', 'payment.received']
    )
    assert.deepEqual(
      deps.emits.map((use) => use.name),
      ['invoice.updated', 'task.created']
    )
    // The Sub-Workflow without a chosen workflow calls nothing yet.
    assert.deepEqual(deps.calls, [
      {
        workflowId: 7,
        ownerTenantId: null,
        version: 2,
        mode: 'async',
        nodeId: 'call',
        nodeName: 'call',
        parameters: { a: 1 },
      },
    ])
  })

  test('result keys a caller reads and keys a callee returns', ({ assert }) => {
    const caller = chain(
      node('call', 'sub_workflow', { workflowId: 3 }),
      node('use', 'set_variables', {
        variables: { a: '{{steps.call.result.total}}', b: '{{ steps.call.result.total }}' },
      }),
      node('check', 'condition', {
        conditions: {
          combinator: 'all',
          rules: [{ field: 'steps.call.result.ok', op: 'eq', value: true }],
        },
      }),
      node('other', 'set_variables', { variables: { c: '{{steps.caller.result.nope}}' } })
    )
    const used = resultKeysUsed(caller, 'call')
    assert.deepEqual([...used.keys()], ['total', 'ok'])
    assert.deepEqual(used.get('total'), ['use'])
    assert.deepEqual(
      [
        ...returnKeysOf(
          chain(
            node('r1', 'return', { values: { a: 1 } }),
            node('r2', 'return', { values: { b: 2 } })
          )
        ),
      ],
      ['a', 'b']
    )
  })

  test('mapping checks skip pinned calls and expressions, and name what is wrong', ({ assert }) => {
    const callee = chain(
      node('start', 'manual', {
        fields: [
          { key: 'amount', label: 'Amount', type: 'number', required: true },
          { key: 'urgent', label: 'Urgent', type: 'boolean' },
          { key: 'note', label: 'Note', type: 'string', required: true, default: '-' },
        ],
      })
    )
    const caller = chain(
      node('ok', 'sub_workflow', {
        workflowId: 3,
        parameters: { amount: '{{trigger.x}}', urgent: 'true' },
      }),
      node('bad', 'sub_workflow', {
        workflowId: 3,
        parameters: { amount: 'ten', urgent: 'maybe' },
      }),
      node('pinned', 'sub_workflow', { workflowId: 3, version: 1, parameters: {} })
    )
    const calls = graphDependencies(caller, lookup).calls
    const warnings = mappingWarnings(callee, {
      workflow: { id: 9, name: 'Caller', status: 'active', activeVersion: 1 },
      source: 'active',
      graph: caller,
      calls,
    })
    assert.deepEqual(
      warnings.map((w) => [w.nodeId, w.code, w.key]),
      [
        ['bad', 'parameter_type', 'amount'],
        ['bad', 'parameter_type', 'urgent'],
      ]
    )
    assert.include(warnings[1].message, 'must be true or false')
  })

  test('the page layout puts callers left, callees right, entities above and events below', ({
    assert,
  }) => {
    const ref = (id: number, name: string) => ({ id, name, status: 'active', activeVersion: 1 })
    const link = (id: number, name: string, nodeId: string, pinned: number | null) => ({
      workflow: ref(id, name),
      nodeId,
      nodeName: nodeId,
      pinnedVersion: pinned,
      mode: 'sync' as const,
      in: ['active' as const, 'draft' as const],
    })
    const { nodes, edges } = layoutDependencies({
      workflow: ref(1, 'Me'),
      callers: [link(2, 'Caller', 'a', null), link(2, 'Caller', 'b', 3)],
      callees: [{ ...link(4, 'Callee', 'c', null), in: ['draft'] }],
      entities: [
        {
          entity: 'deal',
          label: 'Deal',
          access: ['reads', 'writes'],
          nodeIds: ['x'],
          in: ['active'],
        },
      ],
      events: [
        {
          event: 'deal.won',
          label: 'Deal won',
          entity: 'deal',
          access: ['listens'],
          nodeIds: ['t'],
          in: ['active'],
        },
      ],
      triggeredBy: [],
      triggers: [],
    })
    const at = (id: string) => nodes.find((n) => n.id === id)!.position
    assert.isBelow(at('caller:2').x, 0)
    assert.isAbove(at('callee:4').x, 0)
    assert.isBelow(at('entity:deal').y, 0)
    assert.isAbove(at('event:deal.won').y, 0)
    // Two calling nodes of one workflow: one box, one edge naming both pins.
    assert.lengthOf(nodes, 5)
    const calls = edges.filter((e) => e.id.startsWith('calls:'))
    assert.deepEqual(
      calls.map((e) => [e.source, e.target, e.label]),
      [
        ['caller:2', 'self', 'calls (latest version, pinned v3)'],
        ['self', 'callee:4', 'calls (latest version)'],
      ]
    )
    assert.include(calls[1].class, 'dep-edge--draft')
    assert.sameMembers(
      edges.filter((e) => e.id.includes('entity:deal')).map((e) => e.label),
      ['reads', 'writes']
    )
    assert.equal(edges.find((e) => e.id.includes('event:'))!.targetHandle, 'bottom-in')
  })
})
