import { test } from '@japa/runner'
import { NodeError } from '#workflows/nodes/types'
import { classifyError } from '#workflows/nodes/errors'
import { nodeRegistry } from '#workflows/nodes/registry'
import { runNode } from '#workflows/nodes/run_node'
import { failed, ok, recordingNotify, runType } from './node_context.js'

test.group('Action nodes', () => {
  test('notification: renders title/body and notifies users and roles with the step key', async ({
    assert,
  }) => {
    const port = recordingNotify()
    const run = ok(
      await runType(
        'notification',
        {
          recipients: { userIds: [3, '4'], roles: ['admin'] },
          title: 'Invoice {{invoice.number}} overdue',
          body: 'Total {{money invoice.total "EUR"}}',
          link: '/invoices/{{invoice.id}}',
          severity: 'warning',
        },
        {
          expression: { invoice: { id: 9, number: 'INV-9', total: 1999 } },
          services: { notify: port.notify },
        }
      )
    )
    assert.deepEqual(port.sent, [
      {
        userIds: [3, 4],
        roles: ['admin'],
        title: 'Invoice INV-9 overdue',
        body: 'Total €19.99',
        link: '/invoices/9',
        severity: 'warning',
        idempotencyKey: 'exec-1:node_1:',
      },
    ])
    assert.equal(run.result.output.delivered, 3)
    const none = failed(
      await runType('notification', { recipients: {}, title: 'x', severity: 'info' })
    )
    assert.equal(none.code, 'no_recipients')
  })

  test('set_variables: renders values (raw for lone expressions)', async ({ assert }) => {
    const run = ok(
      await runType(
        'set_variables',
        { variables: { region: 'EU-{{trigger.n}}', count: '{{trigger.n}}' } },
        { expression: { trigger: { n: 3 } } }
      )
    )
    assert.deepEqual(run.result.output, { region: 'EU-3', count: 3 })
  })

  test('create/update entity: go through the entity service with the idempotency key; errors are categorised', async ({
    assert,
  }) => {
    const calls: unknown[] = []
    const entities = {
      async find() {
        return null
      },
      async create(
        entity: string,
        data: Record<string, unknown>,
        opts: { idempotencyKey: string }
      ) {
        calls.push(['create', entity, data, opts.idempotencyKey])
        return { id: 1, ...data }
      },
      async update(_entity: string, id: number | string) {
        const error = Object.assign(new Error(`Row ${id} not found`), { code: 'E_ROW_NOT_FOUND' })
        throw error
      },
    }
    const created = ok(
      await runType(
        'create_entity',
        { entity: 'activity', data: { subject: 'Call {{lead.name}}' } },
        { expression: { lead: { name: 'Ada' } }, services: { entities } }
      )
    )
    assert.deepEqual(calls, [['create', 'activity', { subject: 'Call Ada' }, 'exec-1:node_1:']])
    assert.deepEqual(created.result.output, { id: 1, subject: 'Call Ada' })
    const missing = failed(
      await runType(
        'update_entity',
        { entity: 'deal', id: '{{trigger.entityId}}', data: { status: 'won' } },
        { expression: { trigger: { entityId: '77' } }, services: { entities } }
      )
    )
    assert.equal(missing.category, 'not_found')
    assert.match(missing.message, /Row 77/)
  })

  test('classifyError maps well-known codes and statuses', ({ assert }) => {
    assert.equal(
      classifyError(
        Object.assign(new Error('bad'), {
          code: 'E_VALIDATION_ERROR',
          messages: [{ field: 'name' }],
        })
      ).category,
      'validation'
    )
    assert.equal(
      classifyError(Object.assign(new Error('dup'), { code: '23505' })).category,
      'business'
    )
    assert.equal(
      classifyError(Object.assign(new Error('busy'), { status: 503 })).category,
      'transient'
    )
    assert.equal(
      classifyError(Object.assign(new Error('x'), { name: 'UnknownEntityError' })).category,
      'validation'
    )
    assert.equal(classifyError(new Error('plain')).category, 'internal')
    const same = new NodeError('auth', 'no')
    assert.strictEqual(classifyError(same), same)
    assert.deepEqual(new NodeError('rate_limited', 'slow', { retryAfterMs: 5 }).toJSON(), {
      name: 'NodeError',
      message: 'slow',
      category: 'rate_limited',
      retryAfterMs: 5,
    })
    assert.isTrue(new NodeError('timeout', 't').retryable)
    assert.isFalse(new NodeError('validation', 'v').retryable)
  })

  test('runNode: a node exceeding its timeout fails with category timeout; bad templates are validation errors', async ({
    assert,
  }) => {
    const never = new Promise<never>(() => {})
    const slow = { ...nodeRegistry.getOrFail('parallel'), execute: () => never }
    const result = await runNode(slow, {
      input: null,
      rawConfig: {},
      expression: { trigger: null, steps: {}, vars: {} },
      tenantId: 1,
      workflowId: 1,
      executionId: 1,
      stepId: null,
      nodeId: 'p',
      scopeKey: '',
      attempt: 1,
      idempotencyKey: 'k',
      services: {} as never,
      timeoutMs: 20,
    })
    assert.isFalse(result.ok)
    assert.equal((result as any).error.category, 'timeout')
    const broken = failed(await runType('set_variables', { variables: { a: '{{#if}}' } }))
    assert.equal(broken.category, 'validation')
    assert.equal(broken.code, 'expression')
  })
})
