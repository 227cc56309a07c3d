import { test } from '@japa/runner'
import { createPinia, setActivePinia } from 'pinia'
import { nodeRegistry } from '#workflows/nodes/registry'
import type { PublicNodeType } from '#workflows/nodes/types'
import type { GraphEdge, GraphIssue, GraphNode } from '#workflows/engine/graph'
// inertia/ is a separate TS project (root tsc cannot import it, TS6305): load it at run time.
const { useWorkflowDocument } = await import(
  `${'../../../../inertia/workflows/stores/workflow_document.js'}`
)

/** Node types exactly as the browser receives them (JSON, no TypeBox symbols). */
function browserNodeTypes(): PublicNodeType[] {
  return JSON.parse(JSON.stringify(nodeRegistry.publicList()))
}

let docId = 0
function openDocument() {
  setActivePinia(createPinia())
  const doc = useWorkflowDocument(++docId)
  doc.load({ graph: null, nodeTypes: browserNodeTypes() })
  return doc
}

/** trigger → condition → two notifications, built through store actions only. */
function buildSample(doc: ReturnType<typeof openDocument>) {
  const trigger = doc.addNodeOfType('manual', { x: 0, y: 0 })!
  doc.select([trigger.id])
  const condition = doc.addNodeOfType('condition')!
  const yes = doc.addNodeOfType('notification', { x: 600, y: -100 })!
  const no = doc.addNodeOfType('notification', { x: 600, y: 100 })!
  doc.connect({ source: condition.id, sourcePort: 'true', target: yes.id, targetPort: 'in' })
  doc.connect({ source: condition.id, sourcePort: 'false', target: no.id, targetPort: 'in' })
  return { trigger, condition, yes, no }
}

test.group('Workflow document store', () => {
  test('one store per workflow document, keyed workflow-<id>', ({ assert }) => {
    setActivePinia(createPinia())
    const a = useWorkflowDocument(41)
    const again = useWorkflowDocument(41)
    const b = useWorkflowDocument(42)
    assert.strictEqual(a, again)
    assert.notStrictEqual(a, b)
    assert.equal(a.$id, 'workflow-41')
  })

  test('clicking a palette item after the selected node adds and connects it', ({ assert }) => {
    const doc = openDocument()
    const { trigger, condition } = buildSample(doc)
    assert.equal(condition.position.x, trigger.position.x + 280)
    const edge = doc.graph.edges.find((e: GraphEdge) => e.target === condition.id)
    assert.deepInclude(edge, { source: trigger.id, sourcePort: 'out', targetPort: 'in' })
    assert.lengthOf(doc.graph.nodes, 4)
    assert.lengthOf(doc.graph.edges, 3)
    assert.notEqual(doc.graph.nodes[2].name, doc.graph.nodes[3].name, 'names are made unique')
  })

  test('every change is undoable and redoable, in order', ({ assert }) => {
    const doc = openDocument()
    const { yes } = buildSample(doc)
    const built = doc.graph
    doc.rename(yes.id, 'Tell sales')
    doc.moveNodes({ [yes.id]: { x: 900, y: 900 } })
    doc.removeElements([yes.id])
    assert.lengthOf(doc.graph.nodes, 3)
    assert.lengthOf(doc.graph.edges, 2, 'edges of a deleted node go with it')

    doc.undo()
    assert.deepEqual(doc.nodeMap.get(yes.id)?.position, { x: 900, y: 900 })
    doc.undo()
    assert.deepEqual(doc.nodeMap.get(yes.id)?.position, { x: 600, y: -100 })
    doc.undo()
    assert.strictEqual(doc.graph, built)
    assert.isTrue(doc.canRedo)

    doc.redo()
    assert.equal(doc.nodeMap.get(yes.id)?.name, 'Tell sales')
    doc.redo()
    doc.redo()
    assert.isUndefined(doc.nodeMap.get(yes.id))
    assert.isFalse(doc.canRedo)
  })

  test('typing in one config field is one undo step; a new action clears redo', ({ assert }) => {
    const doc = openDocument()
    const { yes } = buildSample(doc)
    const before = doc.nodeMap.get(yes.id)!.config.title
    for (const title of ['I', 'In', 'Inv', 'Invoice {{trigger.number}}'])
      doc.setConfigValue(yes.id, 'title', title)
    assert.equal(doc.nodeMap.get(yes.id)!.config.title, 'Invoice {{trigger.number}}')
    doc.undo()
    assert.equal(doc.nodeMap.get(yes.id)!.config.title, before)
    doc.redo()
    assert.equal(doc.nodeMap.get(yes.id)!.config.title, 'Invoice {{trigger.number}}')
    doc.undo()
    doc.rename(yes.id, 'Other')
    assert.isFalse(doc.canRedo)
  })

  test('untouched nodes are shared between history states (cheap undo for big graphs)', ({
    assert,
  }) => {
    const doc = openDocument()
    const { trigger, yes } = buildSample(doc)
    const triggerBefore = doc.nodeMap.get(trigger.id)
    doc.setConfigValue(yes.id, 'title', 'Changed')
    assert.strictEqual(doc.nodeMap.get(trigger.id), triggerBefore)
  })

  test('connections are checked with the engine rules and refused with a reason', ({ assert }) => {
    const doc = openDocument()
    const { trigger, condition, yes } = buildSample(doc)
    const edges = doc.graph.edges.length
    const intoTrigger = doc.connect({
      source: yes.id,
      sourcePort: 'out',
      target: trigger.id,
      targetPort: 'in',
    })
    assert.isFalse(intoTrigger.ok)
    const duplicate = doc.connect({
      source: condition.id,
      sourcePort: 'true',
      target: yes.id,
      targetPort: 'in',
    })
    assert.isFalse(duplicate.ok)
    if (!duplicate.ok) assert.isAbove(duplicate.reason.length, 5)
    const cycle = doc.connect({
      source: yes.id,
      sourcePort: 'out',
      target: condition.id,
      targetPort: 'in',
    })
    assert.isFalse(cycle.ok)
    assert.lengthOf(doc.graph.edges, edges)
    assert.isFalse(doc.canRedo)
  })

  test('validation issues follow the graph (engine validateGraph)', ({ assert }) => {
    const doc = openDocument()
    assert.isTrue(
      doc.issues.some((i: GraphIssue) => /trigger/i.test(i.message)),
      'an empty graph needs a trigger'
    )
    const { yes } = buildSample(doc)
    assert.isTrue(doc.issuesByNode.get(yes.id)?.some((i: GraphIssue) => i.path?.includes('title')))
    doc.setConfigValue(yes.id, 'title', 'Approved')
    doc.setConfigValue(yes.id, 'recipients', { roles: ['owner'] })
    assert.isFalse(
      doc.issuesByNode.get(yes.id)?.some((i: GraphIssue) => i.path?.includes('title')) ?? false
    )
  })

  test('moving nodes keeps the validation result; other edits re-validate', ({ assert }) => {
    const doc = openDocument()
    const { trigger, yes } = buildSample(doc)
    const before = doc.issues
    doc.moveNodes({ [trigger.id]: { x: 40, y: 60 }, [yes.id]: { x: 700, y: -80 } })
    assert.strictEqual(doc.issues, before, 'positions never change what validation finds')
    doc.undo()
    assert.strictEqual(doc.issues, before)
    doc.setConfigValue(yes.id, 'title', 'Approved')
    assert.notStrictEqual(doc.issues, before)
    assert.isFalse(
      doc.issuesByNode.get(yes.id)?.some((i: GraphIssue) => i.path?.includes('title')) ?? false
    )
    const edited = doc.issues
    doc.rename(yes.id, 'Tell the team')
    assert.notStrictEqual(doc.issues, edited, 'a rename re-validates (names appear in messages)')
  })

  test('copy → paste makes fresh ids, keeps inner edges, offsets positions', ({ assert }) => {
    const doc = openDocument()
    const { condition, yes, no } = buildSample(doc)
    doc.select([condition.id, yes.id, no.id])
    const text = doc.copySelection()!
    const result = doc.paste(text)
    assert.isTrue(result.ok)
    if (!result.ok) return
    assert.lengthOf(result.nodeIds, 3)
    assert.lengthOf(doc.graph.nodes, 7)
    assert.lengthOf(
      doc.graph.edges,
      5,
      'the two edges inside the group are copied, the trigger edge is not'
    )
    const pasted = result.nodeIds.map((id: string) => doc.nodeMap.get(id)!)
    assert.notInclude(result.nodeIds, condition.id)
    const copyOfCondition = pasted.find((n: GraphNode) => n.type === 'condition')!
    assert.deepEqual(copyOfCondition.position, {
      x: condition.position.x + 40,
      y: condition.position.y + 40,
    })
    assert.sameMembers(doc.selectedNodeIds, result.nodeIds, 'the pasted nodes become the selection')
    doc.undo()
    assert.lengthOf(doc.graph.nodes, 4)
  })

  test('cut removes the selection; paste into another workflow restores it', ({ assert }) => {
    const doc = openDocument()
    const { yes } = buildSample(doc)
    doc.select([yes.id])
    const text = doc.cutSelection()!
    assert.isUndefined(doc.nodeMap.get(yes.id))
    const other = openDocument()
    const pasted = other.paste(text)
    assert.isTrue(pasted.ok)
    assert.equal(other.graph.nodes[0].type, 'notification')
  })

  test('paste refuses text that is not a fragment, with the reason', ({ assert }) => {
    const doc = openDocument()
    const notJson = doc.paste('hello')
    assert.isFalse(notJson.ok)
    if (!notJson.ok) assert.match(notJson.errors[0], /JSON/)
    const unknown = doc.paste(
      JSON.stringify({
        nodes: [{ id: 'x', type: 'teleport', name: 'X', config: {}, position: { x: 0, y: 0 } }],
        edges: [],
      })
    )
    assert.isFalse(unknown.ok)
    if (!unknown.ok) assert.match(unknown.errors.join(), /unknown node type "teleport"/)
    assert.lengthOf(doc.graph.nodes, 0)
    assert.isFalse(doc.canUndo)
  })

  test('duplicate, select all, replace graph and dirty tracking', ({ assert }) => {
    const doc = openDocument()
    assert.isFalse(doc.dirty)
    const { trigger } = buildSample(doc)
    assert.isTrue(doc.dirty)
    doc.markSaved(doc.revision)
    assert.isFalse(doc.dirty)
    doc.select([trigger.id])
    doc.duplicateSelection()
    assert.lengthOf(doc.graph.nodes, 5)
    doc.selectAll()
    assert.lengthOf(doc.selectedNodeIds, 5)
    doc.replaceGraph({ nodes: [], edges: [] }, 'Import')
    assert.lengthOf(doc.graph.nodes, 0)
    assert.lengthOf(doc.selectedNodeIds, 0)
    doc.undo()
    assert.lengthOf(doc.graph.nodes, 5)
    assert.isTrue(doc.dirty)
  })
})
