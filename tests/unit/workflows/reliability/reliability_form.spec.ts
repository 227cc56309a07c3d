import { test } from '@japa/runner'
import { nodeRegistry } from '#workflows/nodes/registry'
import { validateGraph } from '#workflows/engine/validation'
import { parsePolicy } from '#workflows/reliability/retry_policy'
/*
 * The builder's pure modules live in inertia/ (a separate TS project); they are loaded as modules
 * here and Node runs the TypeScript directly (see builder_helpers.spec.ts).
 */
const reliability = '../../../../inertia/workflows/reliability'
const {
  compensationFormFrom,
  hasErrorHandling,
  parseConfigObject,
  retryConfigFrom,
  retryFormFrom,
  workflowFormFrom,
  workflowPayloadFrom,
} = await import(`${reliability}/reliability_form.js`)

test.group('Builder reliability form mapping', () => {
  test('no retry key is "inherit"; inherit removes the key', ({ assert }) => {
    const form = retryFormFrom(undefined)
    assert.equal(form.mode, 'inherit')
    assert.isUndefined(retryConfigFrom(form))
  })

  test('a stored policy round-trips and the engine reads it unchanged', ({ assert }) => {
    const stored = {
      backoff: 'fixed',
      maxAttempts: 5,
      delayMs: 250,
      maxDelayMs: 4000,
      jitter: 0.1,
      categories: ['timeout', 'transient'],
    }
    const form = retryFormFrom(stored)
    assert.equal(form.mode, 'custom')
    const out = retryConfigFrom(form)!
    // Categories come back in canonical order.
    assert.deepEqual(out, { ...stored, categories: ['transient', 'timeout'] })
    assert.deepEqual(parsePolicy(out), {
      maxAttempts: 5,
      backoff: 'fixed',
      delayMs: 250,
      maxDelayMs: 4000,
      jitter: 0.1,
      categories: ['transient', 'timeout'],
    })
  })

  test('custom values are clamped and empty fields left out', ({ assert }) => {
    const form = {
      ...retryFormFrom({}),
      maxAttempts: 0,
      delayMs: null,
      jitter: 3,
      maxDelayMs: 12.6,
    }
    assert.deepEqual(retryConfigFrom(form), {
      backoff: 'exponential',
      maxAttempts: 1,
      maxDelayMs: 13,
      jitter: 1,
      categories: ['transient', 'timeout', 'rate_limited'],
    })
  })

  test('compensation config text parses only JSON objects', ({ assert }) => {
    const form = compensationFormFrom({ type: 'update_entity', config: { entity: 'invoice' } })
    assert.equal(form.type, 'update_entity')
    assert.deepEqual(parseConfigObject(form.configText).value, { entity: 'invoice' })
    assert.deepEqual(parseConfigObject('').value, {})
    assert.match(parseConfigObject('[1]').error!, /JSON object/)
    assert.match(parseConfigObject('{').error!, /Invalid JSON/)
    assert.deepEqual(compensationFormFrom(null), { type: null, configText: '{}' })
  })

  test('error handling shows for action and integration nodes only', ({ assert }) => {
    const types = new Map(nodeRegistry.publicList().map((t) => [t.type, t]))
    assert.isTrue(hasErrorHandling(types.get('http_request')))
    assert.isFalse(hasErrorHandling({ category: 'control', sideEffects: false }))
    assert.isTrue(hasErrorHandling({ category: 'control', sideEffects: true }))
    assert.isFalse(hasErrorHandling(undefined))
  })

  test('workflow settings map to the PUT body and back', ({ assert }) => {
    const form = workflowFormFrom({ concurrency: { limit: 2, key: '{{trigger.dealId}}' } })
    assert.equal(form.retry.mode, 'inherit')
    assert.isTrue(form.notifyOwner)
    assert.deepEqual(workflowPayloadFrom(form), {
      retry: null,
      errorWorkflowId: null,
      notifyOwner: true,
      concurrency: { limit: 2, key: '{{trigger.dealId}}' },
    })
    const cleared = { ...form, concurrencyLimit: null, concurrencyKey: ' ' }
    assert.isNull(workflowPayloadFrom(cleared).concurrency)
  })

  test('the engine validation accepts the reliability keys in node config', ({ assert }) => {
    const types = new Map(nodeRegistry.publicList().map((t) => [t.type, t]))
    const http = types.get('http_request')!
    const graph = {
      nodes: [
        {
          id: 'a',
          type: 'http_request',
          name: 'Call',
          position: { x: 0, y: 0 },
          config: {
            ...http.defaults,
            url: 'https://example.com',
            retry: retryConfigFrom({ ...retryFormFrom({}), maxAttempts: 4 }),
            timeoutMs: 5000,
            compensation: { type: 'http_request', config: { url: '{{compensating.output.id}}' } },
          },
        },
      ],
      edges: [],
    }
    const issues = validateGraph(graph as any, types as any).filter((i: any) => i.nodeId === 'a')
    assert.deepEqual(
      issues.filter((i: any) => /retry|timeoutMs|compensation/.test(i.path ?? '')),
      []
    )
  })
})
