import { test } from '@japa/runner'
/*
 * inertia/ is a separate TS project (see builder_helpers.spec.ts): loaded as a module here.
 * Without a canvas element (root() → null) only the bookkeeping runs, which is what is tested.
 */
const { createGroupDrag } = await import(`${'../../../../inertia/workflows/canvas/group_drag.js'}`)

type Change = {
  id: string
  type: 'position'
  dragging: boolean
  position?: { x: number; y: number }
}

const start: Record<string, { x: number; y: number }> = { a: { x: 0, y: 0 }, b: { x: 100, y: 0 } }

function setup() {
  return createGroupDrag({
    root: () => null,
    positionOf: (id: string) => start[id],
    edgesOf: () => [],
  })
}

const move = (dx: number): Change[] =>
  Object.entries(start).map(([id, p]) => ({
    id,
    type: 'position',
    dragging: true,
    position: { x: p.x + dx, y: p.y },
  }))

test.group('Builder | group drag', () => {
  test('a dragged group is held back until the drop, then moves once', ({ assert }) => {
    const drag = setup()
    assert.deepEqual(drag.handle(move(10)), [])
    assert.deepEqual(drag.handle(move(40)), [])
    assert.isTrue(drag.active())
    // Vue Flow ends a drag with `dragging: false` and no positions: the final ones are added.
    const drop = drag.handle([
      { id: 'a', type: 'position', dragging: false },
      { id: 'b', type: 'position', dragging: false },
    ])
    assert.deepEqual(
      drop.map((c: Change) => [c.id, c.dragging, c.position]),
      [
        ['a', false, { x: 40, y: 0 }],
        ['b', false, { x: 140, y: 0 }],
      ]
    )
    assert.isFalse(drag.active())
  })

  test('a single dragged node passes straight through (edges follow it live)', ({ assert }) => {
    const drag = setup()
    const one: Change[] = [{ id: 'a', type: 'position', dragging: true, position: { x: 5, y: 5 } }]
    assert.deepEqual(drag.handle(one), one)
    assert.isFalse(drag.active())
  })
})
