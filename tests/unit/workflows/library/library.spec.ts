import { test } from '@japa/runner'
import { signatureOf } from '#workflows/library/signature'
import { chain, node } from '#tests/helpers/workflows'

/*
 * The builder's pure library helpers live in inertia/ (a separate TS project); they are loaded
 * as modules here (root tsc cannot import their sources) and Node runs the TypeScript directly.
 */
const library = '../../../../inertia/workflows/library'
const { subWorkflowConfig, matchesQuery } = await import(`${library}/sub_flow_config.js`)

const parameters = [
  { key: 'amount', label: 'Amount', type: 'number', required: true, help: null },
  { key: 'name', label: 'Name', type: 'string', required: false, help: null },
]

test.group('Workflow library | signature', () => {
  test('parameters come from the manual form, return values from every Return node', ({
    assert,
  }) => {
    const graph = chain(
      node('start', 'manual', {
        fields: [
          { key: 'amount', label: 'Amount', type: 'number', required: true },
          { key: 'note', label: '', type: 'text', help: 'Free text' },
        ],
      }),
      node('ok', 'return', { values: { label: 'x', amount: 1 } })
    )
    graph.nodes.push(node('other', 'return', { values: { label: 'y', reason: 'z' } }))
    assert.deepEqual(signatureOf(graph), {
      parameters: [
        { key: 'amount', label: 'Amount', type: 'number', required: true, help: null },
        { key: 'note', label: 'note', type: 'text', required: false, help: 'Free text' },
      ],
      returns: ['label', 'amount', 'reason'],
    })
  })

  test('a workflow without a manual trigger or Return node declares nothing', ({ assert }) => {
    assert.deepEqual(signatureOf(chain(node('start', 'webhook'))), { parameters: [], returns: [] })
    assert.deepEqual(signatureOf(null), { parameters: [], returns: [] })
  })
})

test.group('Workflow library | Sub-Workflow config from the palette or picker', () => {
  test('a shared component sets the workflow, its owner and one key per input', ({ assert }) => {
    const config = subWorkflowConfig({ workflowId: 7, parameters, owner: { tenantId: 3 } })
    assert.deepEqual(config, {
      workflowId: 7,
      ownerTenantId: 3,
      parameters: { amount: '', name: '' },
    })
  })

  test('re-picking keeps mapped values; another workflow drops the keys it does not declare', ({
    assert,
  }) => {
    const current = {
      workflowId: 7,
      ownerTenantId: 3,
      parameters: { amount: '{{trigger.total}}', extra: 'kept for the same workflow' },
    }
    assert.deepEqual(subWorkflowConfig({ workflowId: 7, parameters, owner: null }, current), {
      workflowId: 7,
      ownerTenantId: null,
      parameters: { amount: '{{trigger.total}}', name: '', extra: 'kept for the same workflow' },
    })
    const other = subWorkflowConfig(
      { workflowId: 9, parameters: [parameters[0]], owner: null },
      current
    )
    assert.deepEqual(other.parameters, { amount: '{{trigger.total}}' })
  })

  test('the palette search matches name, description, category and owner', ({ assert }) => {
    const component = {
      name: 'Make a label',
      workflowName: 'Label maker',
      description: 'Amount in, label out',
      category: 'Finance',
      owner: { name: 'Owner Works' },
    }
    for (const query of ['', 'label', 'AMOUNT', 'finance', 'owner works', 'sub-flow']) {
      assert.isTrue(matchesQuery(component, query), query)
    }
    assert.isFalse(matchesQuery(component, 'invoice'))
  })
})
