import { test } from '@japa/runner'
import {
  renderTemplate,
  renderValue,
  renderConfig,
  resolvePath,
  checkTemplate,
  formatMoney,
} from '#workflows/engine/expressions'
import type { ExpressionContext } from '#workflows/engine/context'

const context: ExpressionContext = {
  trigger: { entity: { number: 'INV-1', total: 12345 }, changes: {} },
  invoice: {
    number: 'INV-1',
    total: 12345,
    currency: 'EUR',
    dueDate: '2026-03-05T10:00:00Z',
    tags: ['a', 'b'],
  },
  steps: { http_1: { body: { id: 42, rows: [1, 2, 3] } } },
  vars: { region: 'EU', empty: '' },
  loop: { item: { email: 'x@y.z' }, index: 0, total: 1 },
}

test.group('Expressions', () => {
  test('render trigger, entity alias, steps, vars and loop values', ({ assert }) => {
    assert.equal(
      renderTemplate('Invoice {{invoice.number}} / {{trigger.entity.number}}', context),
      'Invoice INV-1 / INV-1'
    )
    assert.equal(
      renderTemplate(
        'id={{steps.http_1.body.id}} region={{vars.region}} to={{loop.item.email}}',
        context
      ),
      'id=42 region=EU to=x@y.z'
    )
    assert.equal(
      renderTemplate('<b>{{invoice.number}}</b> & "x"', context),
      '<b>INV-1</b> & "x"',
      'no HTML escaping'
    )
    assert.equal(renderTemplate('missing: [{{nope.deeper}}]', context), 'missing: []')
  })

  test('a lone {{path}} keeps the raw value; nested structures render deeply', ({ assert }) => {
    assert.deepEqual(renderValue('{{steps.http_1.body.rows}}', context), [1, 2, 3])
    assert.strictEqual(renderValue(' {{ invoice.total }} ', context), 12345)
    assert.deepEqual(
      renderConfig({ a: ['{{vars.region}}-x', { b: '{{invoice.tags}}' }], n: 3 }, context),
      { a: ['EU-x', { b: ['a', 'b'] }], n: 3 }
    )
    assert.equal(renderValue('{{invoice.tags[1]}}', context), 'b')
  })

  test('helpers: formatDate, money, default, json, upper, lower and logic', ({ assert }) => {
    assert.equal(
      renderTemplate("{{formatDate invoice.dueDate 'dd LLL yyyy'}}", context),
      '05 Mar 2026'
    )
    assert.equal(
      renderTemplate("{{formatDate invoice.dueDate 'HH:mm' zone='Asia/Tokyo'}}", context),
      '19:00'
    )
    assert.equal(renderTemplate('{{money invoice.total invoice.currency}}', context), '€123.45')
    assert.equal(formatMoney(500, 'JPY'), '¥500')
    assert.equal(renderTemplate("{{default vars.empty vars.missing 'n/a'}}", context), 'n/a')
    assert.equal(renderTemplate('{{json steps.http_1.body}}', context), '{"id":42,"rows":[1,2,3]}')
    assert.equal(
      renderTemplate('{{upper vars.region}} {{lower invoice.number}}', context),
      'EU inv-1'
    )
    assert.equal(
      renderTemplate('{{#if (gt invoice.total 1000)}}big{{else}}small{{/if}}', context),
      'big'
    )
  })

  test('no prototype access', ({ assert }) => {
    assert.equal(
      renderTemplate('[{{constructor.name}}][{{vars.constructor}}][{{__proto__}}]', context),
      '[][][]'
    )
    assert.equal(
      renderTemplate('[{{lookup vars "constructor"}}][{{vars.region.constructor}}]', context),
      '[][]'
    )
    assert.isUndefined(resolvePath(context, 'vars.__proto__.polluted'))
    assert.isUndefined(resolvePath(context, 'vars.constructor'))
    assert.isUndefined(resolvePath({}, 'toString'))
    renderTemplate('{{#with __proto__}}{{polluted}}{{/with}}', context)
    assert.isUndefined(({} as Record<string, unknown>).polluted)
  })

  test('template syntax errors are reported', ({ assert }) => {
    assert.isNull(checkTemplate('ok {{a.b}}'))
    assert.isString(checkTemplate('broken {{#if a}}'))
    assert.isString(checkTemplate('broken {{a'))
  })
})
