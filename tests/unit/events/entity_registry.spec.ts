import { test } from '@japa/runner'
import { EntityRegistry, UnknownEntityError } from '#core/entities/registry'
import type { EntityDefinition } from '#core/entities/types'

function definition(overrides: Partial<EntityDefinition> = {}): EntityDefinition {
  return {
    name: 'widget',
    label: 'Widget',
    module: 'test',
    fields: [{ key: 'name', label: 'Name', type: 'string' }],
    events: [],
    operations: {
      find: async () => null,
      create: async () => ({ id: 1 }),
      update: async () => ({ id: 1 }),
    },
    ...overrides,
  }
}

test.group('Entity registry', () => {
  test('registers, finds and lists definitions; the public list has no operations', ({
    assert,
  }) => {
    const registry = new EntityRegistry()
    registry.register(definition())
    registry.register(definition({ name: 'gadget', label: 'Gadget', module: 'alpha' }))

    assert.equal(registry.get('widget').label, 'Widget')
    assert.deepEqual(
      registry.list().map((d) => d.name),
      ['gadget', 'widget']
    )
    assert.notProperty(registry.publicList()[0], 'operations')
    assert.isTrue(registry.has('gadget'))
  })

  test('rejects unknown names and malformed definitions', ({ assert }) => {
    const registry = new EntityRegistry()
    assert.throws(() => registry.get('nope'), UnknownEntityError)
    assert.throws(() => registry.register(definition({ name: 'Bad Name' })), /snake_case/)
    assert.throws(
      () =>
        registry.register(
          definition({
            fields: [
              { key: 'a', label: 'A', type: 'string' },
              { key: 'a', label: 'A', type: 'number' },
            ],
          })
        ),
      /twice/
    )
    assert.throws(
      () => registry.register(definition({ fields: [{ key: 's', label: 'S', type: 'enum' }] })),
      /needs options/
    )
  })
})
