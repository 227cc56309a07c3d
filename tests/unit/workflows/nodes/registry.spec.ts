import { test } from '@japa/runner'
import { nodeRegistry, NodeRegistry, BUILT_IN_NODES } from '#workflows/nodes/registry'
import { checkAgainstSchema } from '#workflows/engine/schema'
import { renderTemplate } from '#workflows/engine/expressions'
import { resolvePorts } from '#workflows/engine/ports'
import { initialConfig } from '#workflows/engine/defaults'

const GROUPS = ['Triggers', 'Actions', 'CRM', 'Finance', 'Control', 'AI', 'Integrations']
const CATEGORIES = ['trigger', 'action', 'control', 'ai', 'integration']

test.group('Node registry', () => {
  test('lists every node type of issue 4', ({ assert }) => {
    assert.sameMembers(
      nodeRegistry.list().map((definition) => definition.type),
      [
        'manual',
        'entity_event',
        'crm_event',
        'webhook',
        'schedule',
        'condition',
        'switch',
        'parallel',
        'loop',
        'delay',
        'notification',
        'create_entity',
        'update_entity',
        'http_request',
        'set_variables',
        'try_catch', // issue 5
        'approval', // issue 8
        'wait_for_event', // issue 8
        'wait_for_callback', // issue 8
        'sub_workflow', // issue 8
        'return', // issue 8
      ]
    )
  })

  test('every definition carries complete palette metadata', ({ assert }) => {
    for (const definition of BUILT_IN_NODES) {
      const label = definition.type
      assert.include(CATEGORIES, definition.category, label)
      assert.include(GROUPS, definition.group, label)
      assert.match(definition.icon, /^pi pi-[a-z-]+$/, label)
      assert.isAbove(definition.label.length, 2, label)
      assert.isAbove(definition.description.length, 10, label)
      assert.isAbove(definition.timeoutMs, 0, label)
      assert.isBoolean(definition.sideEffects, label)
      assert.equal(
        definition.category === 'trigger',
        definition.ports.inputs.length === 0,
        `${label}: only triggers have no inputs`
      )
      assert.equal(
        definition.category === 'trigger',
        !!definition.trigger,
        `${label}: triggers declare their kind`
      )
      const properties = (definition.configSchema as any).properties as Record<string, any>
      for (const [key, property] of Object.entries(properties)) {
        assert.isString(
          (property.title ?? property.ui?.widget) ? 'ok' : undefined,
          `${label}.${key} has a title or widget`
        )
      }
    }
  })

  test('public list is JSON-safe and has no execute; defaults fit the schema except user-provided fields', ({
    assert,
  }) => {
    const list = nodeRegistry.publicList()
    const wire = JSON.parse(JSON.stringify(list))
    assert.deepEqual(wire, list)
    for (const type of list) {
      assert.notProperty(type, 'execute')
      const definition = nodeRegistry.getOrFail(type.type)
      const issues = checkAgainstSchema(type.configSchema, definition.defaults)
      // Fields a person must fill in (URL, token, entity, variables) are the only allowed gaps.
      for (const issue of issues)
        assert.match(
          issue.message,
          /required|at least/i,
          `${type.type}: ${issue.path} ${issue.message}`
        )
      if (type.summary)
        assert.isString(renderTemplate(type.summary, definition.defaults as never), type.type)
      const ports = resolvePorts(type, definition.defaults as Record<string, unknown>)
      assert.equal(
        new Set(ports.outputs.map((port) => port.id)).size,
        ports.outputs.length,
        `${type.type}: unique output ports`
      )
    }
    assert.deepEqual(nodeRegistry.publicMap().get('webhook')?.trigger, { kind: 'webhook' })
  })

  test('initialConfig copies defaults and generates secrets such as the webhook token', ({
    assert,
  }) => {
    const webhook = nodeRegistry.publicMap().get('webhook')!
    const first = initialConfig(webhook)
    const second = initialConfig(webhook)
    assert.match(first.token as string, /^[A-Za-z0-9_-]{32}$/)
    assert.notEqual(first.token, second.token)
    assert.deepEqual(checkAgainstSchema(webhook.configSchema, first), [])
    const manual = nodeRegistry.publicMap().get('manual')!
    const copy = initialConfig(manual)
    ;(copy.fields as unknown[]).push({})
    assert.deepEqual(manual.defaults, { fields: [] }, 'defaults are not shared')
  })

  test('register replaces a type and refuses bad names', ({ assert }) => {
    const registry = new NodeRegistry()
    registry.register(BUILT_IN_NODES[0])
    assert.lengthOf(registry.publicList(), 1)
    registry.register({ ...BUILT_IN_NODES[0], label: 'Renamed' })
    assert.equal(registry.publicList()[0].label, 'Renamed')
    assert.throws(() => registry.register({ ...BUILT_IN_NODES[0], type: 'Bad Type' }), /snake_case/)
    assert.isUndefined(registry.get('nope'))
    assert.throws(() => registry.getOrFail('nope'), /Unknown node type/)
  })
})
